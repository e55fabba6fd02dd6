package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code holdAt} and {@code releaseFile} params of the generating sources: no record at or past index
 * {@code holdAt} is emitted until the file {@code releaseFile} exists ({@link GeneratorSource#holdAt}). The job keeps
 * running meanwhile (checkpoints, latency markers, timers), so a test or a demo can wait for those to happen, or kill
 * a runtime, while the job certainly has not ended, then create the file.
 */
final class SourceHold {
  static final String HOLD_AT = "holdAt";
  static final String RELEASE_FILE = "releaseFile";

  private SourceHold() {}

  static List<ParamDef> params() {
    return List.of(
        ParamDef.optional(HOLD_AT, ParamType.INTEGER, "hold the source before this record index (0-based; the"
            + " record count holds a bounded source at its end) until releaseFile exists"),
        ParamDef.optional(RELEASE_FILE, ParamType.STRING, "the file whose existence releases a held source, on the"
            + " machine that runs the source's subtasks"));
  }

  /** {@code source}, held if the params ask for it; {@code count} is the source's record count, -1 if unbounded. */
  static <T> GeneratorSource<T> apply(BuildContext ctx, GeneratorSource<T> source, long count) {
    boolean hold = ctx.params().has(HOLD_AT);
    boolean file = ctx.params().has(RELEASE_FILE);
    ctx.params().require(hold == file, hold ? RELEASE_FILE : HOLD_AT,
        "holdAt and releaseFile come together: a held source needs the file that releases it");
    if (!hold) {
      return source;
    }
    long at = ctx.params().getLong(HOLD_AT, 0);
    String release = ctx.params().getString(RELEASE_FILE, "");
    ctx.params().require(at >= 0 && (count < 0 || at <= count), HOLD_AT,
        "must be in [0, " + (count < 0 ? "unbounded" : String.valueOf(count)) + "], was " + at);
    ctx.params().require(!release.isBlank(), RELEASE_FILE, "must name a file");
    return source.holdAt(at, SourceGate.whenFileExists(Path.of(release)));
  }
}
