package io.rivulet.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.serialization.Types;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A held generator emits nothing at or past its hold index until its gate opens, and then goes on to its end. */
class GeneratorSourceHoldTest {

  @Test
  void stridedSubtasksStopBeforeTheHoldIndexAndGoOnOnceTheGateOpens() throws Exception {
    SourceGate.Latch gate = SourceGate.latch();
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, 5_000, 0, Types.LONG, "gen").holdAt(2_500, gate);
    Collected out = new Collected();
    SourceReader<Long> reader = source.createReader(context(1, 2));

    assertThat(pollUntilQuiet(reader, out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(1_250).allMatch(i -> i < 2_500 && i % 2 == 1);
    assertThat(reader.pollNext(out)).as("still held").isEqualTo(InputStatus.NOTHING_AVAILABLE);

    gate.open();
    while (reader.pollNext(out) == InputStatus.MORE_AVAILABLE) {
      // drain
    }
    assertThat(out.records).hasSize(2_500).allMatch(i -> i % 2 == 1);
    assertThat(out.records.get(out.records.size() - 1)).isEqualTo(4_999L);
  }

  @Test
  void aHoldAtTheCountKeepsABoundedSourceFromEndingUntilTheGateOpens() throws Exception {
    SourceGate.Latch gate = SourceGate.latch();
    SourceReader<Long> reader = new GeneratorSource<>(i -> i, 3_000, 0, Types.LONG, "gen").holdAt(3_000, gate)
        .createReader(context(0, 1));
    Collected out = new Collected();
    assertThat(pollUntilQuiet(reader, out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(3_000);
    gate.open();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(out.records).hasSize(3_000);
  }

  @Test
  void aRestoredReaderIsHeldAgainWhileTheGateIsClosed(@TempDir Path dir) throws Exception {
    SourceGate gate = SourceGate.whenFileExists(dir.resolve("release"));
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, 10_000, 0, Types.LONG, "gen").holdAt(4_000, gate);
    SourceReader<Long> first = source.createReader(context(0, 1));
    Collected out = new Collected();
    pollUntilQuiet(first, out);
    byte[] position = first.snapshotState(1);

    SourceReader<Long> restored = source.createReader(context(0, 1));
    restored.restoreState(position);
    Collected after = new Collected();
    assertThat(restored.pollNext(after)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(after.records).isEmpty();
    Files.createFile(dir.resolve("release"));
    pollUntilQuiet(restored, after);
    assertThat(after.records).hasSize(6_000).first().isEqualTo(4_000L);
  }

  @Test
  void twoHoldsWaitForTheirGatesInTurnAndARestoredReaderPastTheFirstOnlyWaitsForTheSecond() throws Exception {
    SourceGate.Latch first = SourceGate.latch();
    SourceGate.Latch atEnd = SourceGate.latch();
    // added out of order on purpose: the source keeps its hold points sorted
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, 6_000, 0, Types.LONG, "gen")
        .holdAt(6_000, atEnd).holdAt(2_000, first);
    SourceReader<Long> reader = source.createReader(context(0, 1));
    Collected out = new Collected();
    assertThat(pollUntilQuiet(reader, out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(2_000);
    byte[] atFirstHold = reader.snapshotState(1);

    first.open();
    assertThat(pollUntilQuiet(reader, out)).as("held at the end").isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(out.records).hasSize(6_000);

    SourceReader<Long> restored = source.createReader(context(0, 1));
    restored.restoreState(atFirstHold);
    Collected after = new Collected();
    assertThat(pollUntilQuiet(restored, after)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(after.records).as("the first gate is open: on to the end").hasSize(4_000).first().isEqualTo(2_000L);

    atEnd.open();
    assertThat(reader.pollNext(out)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(restored.pollNext(after)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(out.records).hasSize(6_000);
  }

  @Test
  void aHoldIndexOutsideTheInputOrWithoutAGateIsRefused() {
    GeneratorSource<Long> source = new GeneratorSource<>(i -> i, 10, 0, Types.LONG, "gen");
    assertThatThrownBy(() -> source.holdAt(11, SourceGate.latch())).hasMessageContaining("[0, 10]");
    assertThatThrownBy(() -> source.holdAt(5, null)).hasMessageContaining("gate");
  }

  /** Polls until the reader has nothing more to give now (held) or has ended. */
  private static InputStatus pollUntilQuiet(SourceReader<Long> reader, Collected out) throws Exception {
    InputStatus status;
    while ((status = reader.pollNext(out)) == InputStatus.MORE_AVAILABLE) {
      // next batch
    }
    return status;
  }

  private static final class Collected implements ReaderOutput<Long> {
    final List<Long> records = new ArrayList<>();

    @Override
    public void collect(Long record) {
      records.add(record);
    }

    @Override
    public void collect(Long record, long timestamp) {
      records.add(record);
    }

    @Override
    public void emitWatermark(long watermark) {}

    @Override
    public void markIdle() {}
  }

  private static SourceContext context(int subtask, int parallelism) {
    return new SourceContext() {
      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public int attemptNumber() {
        return 0;
      }

      @Override
      public long currentProcessingTime() {
        return 0;
      }

      @Override
      public ClassLoader userClassLoader() {
        return GeneratorSourceHoldTest.class.getClassLoader();
      }

      @Override
      public void signalAvailable() {}
    };
  }
}
