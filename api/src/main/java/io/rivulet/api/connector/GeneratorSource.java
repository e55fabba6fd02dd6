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
  /** Indexes from here on wait for {@link #gate}; -1 when the source is not held. */
  private final long holdAt;
  private final SourceGate gate;

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
    this(generator, count, recordsPerSecond, type, name, split, -1, null);
  }

  private GeneratorSource(GeneratorFunction<T> generator, long count, double recordsPerSecond,
      TypeSerializer<T> type, String name, Split split, long holdAt, SourceGate gate) {
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
    this.holdAt = holdAt;
    this.gate = gate;
  }

  /**
   * This source, held at {@code index} until {@code gate} opens: no subtask emits an index at or past it before
   * then (for a bounded source, {@code index == count} holds it at the end of its input, before it ends). While
   * held, the tasks keep running: checkpoints, watermarks, latency markers and timers go on. A restored subtask is
   * held again if the gate is still closed.
   */
  public GeneratorSource<T> holdAt(long index, SourceGate gate) {
    if (index < 0 || (count >= 0 && index > count)) {
      throw new IllegalArgumentException("hold index must be in [0, " + (count < 0 ? "unbounded" : count)
          + "], was " + index);
    }
    if (gate == null) {
      throw new IllegalArgumentException("a held source needs a gate that opens");
    }
    return new GeneratorSource<>(generator, count, recordsPerSecond, type, name, split, index, gate);
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
    return new Reader<>(generator, count, recordsPerSecond / context.parallelism(), context, split, holdAt, gate);
  }

  static final class Reader<T> implements SourceReader<T> {
    private final GeneratorFunction<T> generator;
    private final long end; // exclusive; Long.MAX_VALUE when unbounded
    private final long stride;
    private final double rate;
    private final SourceContext context;
    private final long holdAt;
    private final SourceGate gate;
    /** Set once the gate was seen open; from then on the gate is not asked again. */
    private boolean released;
    private long next;
    private long emittedSinceRateStart;
    private long rateStartMillis = -1;

    Reader(GeneratorFunction<T> generator, long count, double rate, SourceContext context, Split split,
        long holdAt, SourceGate gate) {
      this.generator = generator;
      this.holdAt = holdAt;
      this.gate = gate;
      this.released = gate == null;
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
      if (!released) {
        if (next >= holdAt && !(released = gate.isOpen())) {
          return InputStatus.NOTHING_AVAILABLE;
        }
        if (!released) {
          limit = Math.min(end, holdAt);
        }
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
        return released || holdAt < end ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
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
