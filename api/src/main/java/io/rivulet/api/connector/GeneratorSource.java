package io.rivulet.api.connector;

import io.rivulet.api.serialization.TypeSerializer;
import java.nio.ByteBuffer;

/**
 * Generates records from their index, bounded or unbounded, optionally at a fixed rate. Each index is
 * generated exactly once across the subtasks, and a subtask's records come in index order. How indexes are
 * split: {@link Split#STRIDED} (subtask {@code i} of {@code p} takes {@code i, i+p, i+2p, ...}; works unbounded,
 * and keeps {@code index % k} for {@code k} a multiple of {@code p} on one subtask) or {@link Split#RANGES}
 * (contiguous ranges, bounded only; how Flink's {@code fromSequence} splits).
 *
 * <p>Replayable: its position (the next index) is checkpointed, so after a restore it continues where the
 * checkpoint was taken and re-emits nothing that the checkpoint already covered.
 */
public final class GeneratorSource<T> implements Source<T> {
  /** Records per {@code pollNext}: large enough to amortize the loop, small enough for prompt checkpoints. */
  static final int BATCH = 1024;

  private final GeneratorFunction<T> generator;
  private final long count;
  private final double recordsPerSecond;
  private final TypeSerializer<T> type;
  private final String name;
  private final Split split;
  /**
   * Where the source is held, ascending: indexes from {@code holdIndexes[k]} on wait for {@code gates[k]} (and for
   * every gate before it). Empty when the source is not held.
   */
  private final long[] holdIndexes;
  private final SourceGate[] gates;

  /** How the indexes are divided among the subtasks. */
  public enum Split {
    STRIDED,
    RANGES
  }

  public GeneratorSource(GeneratorFunction<T> generator, long count, double recordsPerSecond,
      TypeSerializer<T> type, String name) {
    this(generator, count, recordsPerSecond, type, name, Split.STRIDED);
  }

  /**
   * @param count number of records, or -1 for an unbounded source
   * @param recordsPerSecond total rate over all subtasks, or 0 for as fast as possible
   */
  public GeneratorSource(GeneratorFunction<T> generator, long count, double recordsPerSecond,
      TypeSerializer<T> type, String name, Split split) {
    this(generator, count, recordsPerSecond, type, name, split, new long[0], new SourceGate[0]);
  }

  private GeneratorSource(GeneratorFunction<T> generator, long count, double recordsPerSecond,
      TypeSerializer<T> type, String name, Split split, long[] holdIndexes, SourceGate[] gates) {
    if (count < -1) {
      throw new IllegalArgumentException("count must be -1 (unbounded) or >= 0, was " + count);
    }
    if (recordsPerSecond < 0) {
      throw new IllegalArgumentException("rate must not be negative, was " + recordsPerSecond);
    }
    this.generator = generator;
    this.count = count;
    this.recordsPerSecond = recordsPerSecond;
    this.type = type;
    this.name = name;
    if (split == Split.RANGES && count < 0) {
      throw new IllegalArgumentException("an unbounded generator cannot be split into ranges");
    }
    this.split = split;
    this.holdIndexes = holdIndexes;
    this.gates = gates;
  }

  /**
   * This source, held at {@code index} until {@code gate} opens: no subtask emits an index at or past it before
   * then (for a bounded source, {@code index == count} holds it at the end of its input, before it ends). While
   * held, the tasks keep running: checkpoints, watermarks, latency markers and timers go on. A restored subtask is
   * held again if the gate is still closed.
   *
   * <p>Holds add up: {@code holdAt(a, first).holdAt(b, second)} with {@code a < b} waits for {@code first} at
   * {@code a} and then for {@code second} at {@code b} (a test that needs one event before a failure and another
   * after the restart). An index at or past several hold points waits for all of their gates.
   */
  public GeneratorSource<T> holdAt(long index, SourceGate gate) {
    if (index < 0 || (count >= 0 && index > count)) {
      throw new IllegalArgumentException("hold index must be in [0, " + (count < 0 ? "unbounded" : count)
          + "], was " + index);
    }
    if (gate == null) {
      throw new IllegalArgumentException("a held source needs a gate that opens");
    }
    // kept sorted by index (stable for equal ones), so a reader meets the hold points in order
    int k = 0;
    while (k < holdIndexes.length && holdIndexes[k] <= index) {
      k++;
    }
    long[] indexes = new long[holdIndexes.length + 1];
    SourceGate[] gs = new SourceGate[gates.length + 1];
    System.arraycopy(holdIndexes, 0, indexes, 0, k);
    System.arraycopy(gates, 0, gs, 0, k);
    indexes[k] = index;
    gs[k] = gate;
    System.arraycopy(holdIndexes, k, indexes, k + 1, holdIndexes.length - k);
    System.arraycopy(gates, k, gs, k + 1, gates.length - k);
    return new GeneratorSource<>(generator, count, recordsPerSecond, type, name, split, indexes, gs);
  }

  @Override
  public TypeSerializer<T> outputType() {
    return type;
  }

  @Override
  public boolean isBounded() {
    return count >= 0;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public SourceReader<T> createReader(SourceContext context) {
    return new Reader<>(generator, count, recordsPerSecond / context.parallelism(), context, split, holdIndexes,
        gates);
  }

  static final class Reader<T> implements SourceReader<T> {
    private final GeneratorFunction<T> generator;
    private final long end; // exclusive; Long.MAX_VALUE when unbounded
    private final long stride;
    private final double rate;
    private final SourceContext context;
    private final long[] holdIndexes;
    private final SourceGate[] gates;
    /** Hold points {@code [0, released)} had their gates seen open; those gates are not asked again. */
    private int released;
    private long next;
    private long emittedSinceRateStart;
    private long rateStartMillis = -1;

    Reader(GeneratorFunction<T> generator, long count, double rate, SourceContext context, Split split,
        long[] holdIndexes, SourceGate[] gates) {
      this.generator = generator;
      this.holdIndexes = holdIndexes;
      this.gates = gates;
      this.rate = rate;
      this.context = context;
      int p = context.parallelism();
      int i = context.subtaskIndex();
      if (split == Split.RANGES) {
        this.next = (long) ((double) count * i / p);
        this.end = i == p - 1 ? count : (long) ((double) count * (i + 1) / p);
        this.stride = 1;
      } else {
        this.end = count < 0 ? Long.MAX_VALUE : count;
        this.stride = p;
        this.next = i;
      }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
      long limit = end; // exclusive: the first index this poll may not emit
      while (released < holdIndexes.length) {
        long holdAt = holdIndexes[released];
        if (next < holdAt) {
          limit = Math.min(end, holdAt);
          break;
        }
        if (!gates[released].isOpen()) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        released++;
      }
      if (next >= end) {
        return InputStatus.END_OF_INPUT;
      }
      int batch = BATCH;
      if (rate > 0) {
        long now = context.currentProcessingTime();
        if (rateStartMillis < 0) {
          rateStartMillis = now;
        }
        long allowed = (long) ((now - rateStartMillis + 1) * rate / 1000.0) - emittedSinceRateStart;
        if (allowed <= 0) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        batch = (int) Math.min(batch, allowed);
      }
      long i = next;
      int k = 0;
      while (k < batch) {
        output.collect(generator.generate(i));
        k++;
        if (end - i <= stride) { // next index would pass the end (also avoids overflow when unbounded)
          i = end;
          break;
        }
        i += stride;
        if (i >= limit) { // the hold point
          break;
        }
      }
      emittedSinceRateStart += k;
      next = i;
      if (next >= end) {
        // a hold point not passed yet may be the end itself: the next poll asks its gate before ending
        return released == holdIndexes.length ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
      }
      return InputStatus.MORE_AVAILABLE;
    }

    @Override
    public byte[] snapshotState(long checkpointId) {
      return ByteBuffer.allocate(8).putLong(next).array();
    }

    @Override
    public void restoreState(byte[] state) {
      next = ByteBuffer.wrap(state).getLong();
    }
  }
}
