package io.rivulet.controlplane.spec.builtins;

import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.builtins.functions.PerSubtask;
import io.rivulet.builtins.functions.TumblingCount;
import io.rivulet.builtins.records.RecordType;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code tumbling-count}: a window of every {@code size} records per key, emitted as window-count records. */
@Singleton
public final class TumblingCountWindow implements BuiltIn {
  @Override
  public String type() {
    return "tumbling-count";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String description() {
    return "any keyed records -> window-count (key, window, count) for every `size` records of a key";
  }

  @Override
  public boolean needsKeyedInput() {
    return true;
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.required("size", ParamType.INTEGER, "records per window"));
  }

  @Override
  public Built build(BuildContext ctx) {
    long size = ctx.params().getLong("size", 1);
    ctx.params().require(size >= 1, "size", "must be at least 1, was " + size);
    return new Built(PerSubtask.keyedProcess(new PerSubtask.TumblingCountFactory<>(size)), RecordType.WINDOW_COUNT);
  }
}
