package io.rivulet.kafka.exchange;

import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.WatermarkValve;
import java.util.Arrays;

/**
 * The consumer side's logic, without Kafka: decides for each record read from the consumer's partitions whether
 * the task gets it, and turns the producers' control records into the events of one input channel. Owned by
 * the reader thread of one {@link DurableInputChannel}; plain Java so that it is tested record by record.
 *
 * <p>A <em>pair</em> is (partition, producer): every producer writes its control records to every partition, so
 * every pair is a FIFO channel of its own, and the combination is over pairs.
 * <ul>
 *   <li><b>Fencing</b>: records written by another job attempt than this consumer's are skipped. After a
 *       restart every task restores the same checkpoint, so what earlier attempts wrote after it is written
 *       again by this attempt, and what they wrote before it was processed before the checkpoint.
 *   <li><b>Watermarks</b>: the minimum over pairs that are neither idle nor ended ({@link WatermarkValve} over
 *       pairs), i.e. the minimum over producers of each producer's watermark on all of this consumer's partitions.
 *   <li><b>Barriers</b> are aligned per pair without buffering: once a pair delivered barrier {@code n}, its later
 *       records are <em>held back</em> — skipped, and the first skipped offset of the partition remembered.
 *       When every live pair delivered {@code n}, the barrier goes to the task with the consumer's position, and
 *       every partition with held-back records is sought back to its first one. {@code done[pair]}, the offset
 *       of the last record taken from each pair, makes the re-read skip what was taken already, so each record
 *       is taken exactly once and in order per pair. Memory stays bounded whatever the skew between producers;
 *       the price is reading held-back records twice.
 *   <li><b>Latency markers</b> (written to one partition only) are taken like records — fenced, held back,
 *       never taken twice — and become an event for the task, behind the records read before them.
 *   <li><b>End</b>: when every pair ended, end of partition.
 * </ul>
 */
final class ProducerCombiner {
  /** Where the combiner's decisions go: the reader, which talks to the gate and to Kafka. */
  interface Actions {
    /** An event for the task, after every record taken before it. */
    void event(StreamEvent event) throws Exception;

    /** Barrier {@code id} is aligned; {@code position} is the state to store with the checkpoint. */
    void barrier(long id, long timestamp, DurablePosition position) throws Exception;

    /** Read partition (index) from {@code offset} again; drop what was read after it and not handled yet. */
    void seek(int partitionIndex, long offset);
  }

  private final int[] producers;
  private final int partitions;
  private final int attempt;
  private final WatermarkValve valve;
  private final WatermarkValve.Listener valveListener;
  private Actions actions;
  /** Offset of the last record taken per pair (index partition·producers + producer slot), -1 none. */
  private final long[] done;
  /** Next offset to read per partition (for the position). */
  private final long[] next;
  private final boolean[] ended;
  private int endedCount;
  // alignment
  private long pending = -1;
  private long pendingTimestamp;
  private long lastBarrier = -1;
  private final boolean[] seen;
  private int seenCount;
  /** First held-back offset per partition of the pending alignment, -1 none. */
  private final long[] firstHeld;

  /**
   * @param producers the producer subtasks this consumer hears from (ascending)
   * @param partitions how many partitions the consumer owns
   * @param attempt the job attempt of this consumer: records of other attempts are skipped
   */
  ProducerCombiner(int[] producers, int partitions, int attempt) {
    this.producers = producers.clone();
    this.partitions = partitions;
    this.attempt = attempt;
    int pairs = partitions * producers.length;
    this.valve = new WatermarkValve(pairs);
    this.done = new long[pairs];
    Arrays.fill(done, -1);
    this.next = new long[partitions];
    this.ended = new boolean[pairs];
    this.seen = new boolean[pairs];
    this.firstHeld = new long[partitions];
    Arrays.fill(firstHeld, -1);
    this.valveListener = new WatermarkValve.Listener() {
      @Override
      public void onWatermark(long watermark) throws Exception {
        actions.event(new StreamEvent.Watermark(watermark));
      }

      @Override
      public void onIdle(boolean idle) throws Exception {
        actions.event(new StreamEvent.IdleStatus(idle));
      }
    };
  }

  void setActions(Actions actions) {
    this.actions = actions;
  }

  /** Continues from a checkpointed position (before the first record is read). */
  void restore(DurablePosition position) {
    if (position.partitions() != partitions || position.producers() != producers.length) {
      throw new IllegalStateException("durable exchange position has " + position.partitions() + " partitions × "
          + position.producers() + " producers; this consumer has " + partitions + " × " + producers.length);
    }
    for (int p = 0; p < partitions; p++) {
      next[p] = position.resume(p);
      for (int x = 0; x < producers.length; x++) {
        done[p * producers.length + x] = position.done(p, x);
      }
    }
  }

  /** Where reading partition {@code p} starts. */
  long startOffset(int p) {
    return next[p];
  }

  boolean allEnded() {
    return endedCount == done.length;
  }

  /**
   * Handles the record at {@code offset} of partition index {@code p}. Returns true when it is a data record for
   * the task; control records are handled here (through {@link Actions}).
   */
  boolean accept(int p, long offset, Envelope e) throws Exception {
    next[p] = offset + 1;
    if (e.attempt != attempt) {
      return false; // fenced: another attempt wrote it
    }
    int x = slot(e.producer);
    int pair = p * producers.length + x;
    if (offset <= done[pair]) {
      return false; // taken before a seek back (or before the checkpoint)
    }
    if (pending >= 0 && seen[pair]) {
      if (firstHeld[p] < 0) {
        firstHeld[p] = offset; // held back until the barrier is aligned
      }
      return false;
    }
    done[pair] = offset;
    switch (e.kind) {
      case RECORD:
      case RECORDS:
        return true;
      case WATERMARK:
        valve.watermark(pair, e.timestamp, valveListener);
        return false;
      case IDLE:
        valve.idle(pair, true, valveListener);
        return false;
      case ACTIVE:
        valve.idle(pair, false, valveListener);
        return false;
      case BARRIER:
        onBarrier(pair, e.checkpointId, e.timestamp);
        return false;
      case LATENCY:
        // fenced, held back and skipped after a seek back like a record, so it reaches the task once, in its place
        // behind the records of its pair; the task adds DURABLE to the exchanges it crossed
        actions.event(EnvelopeCodec.latencyMarker(e));
        return false;
      case END:
        if (!ended[pair]) {
          ended[pair] = true;
          endedCount++;
          valve.finished(pair, valveListener);
          checkAligned();
          if (allEnded()) {
            actions.event(StreamEvent.EndOfPartition.INSTANCE);
          }
        }
        return false;
      default:
        throw new IllegalStateException("unknown kind " + e.kind);
    }
  }

  private void onBarrier(int pair, long id, long timestamp) throws Exception {
    if (id <= lastBarrier && id != pending) {
      return; // a checkpoint that was aligned or given up already
    }
    if (pending >= 0 && id > pending) {
      releaseHeld(); // a newer checkpoint overtook one that never aligned (e.g. declined upstream): give it up
    }
    if (pending < 0) {
      pending = id;
      pendingTimestamp = timestamp;
      lastBarrier = id;
      Arrays.fill(seen, false);
      seenCount = 0;
    }
    if (!seen[pair]) {
      seen[pair] = true;
      seenCount++;
    }
    checkAligned();
  }

  private void checkAligned() throws Exception {
    if (pending < 0) {
      return;
    }
    for (int pair = 0; pair < seen.length; pair++) {
      if (!seen[pair] && !ended[pair]) {
        return;
      }
    }
    long id = pending;
    actions.barrier(id, pendingTimestamp, position());
    releaseHeld();
  }

  /** Ends the pending alignment: partitions with held-back records are read again from the first one. */
  private void releaseHeld() {
    pending = -1;
    Arrays.fill(seen, false);
    seenCount = 0;
    for (int p = 0; p < partitions; p++) {
      if (firstHeld[p] >= 0) {
        next[p] = firstHeld[p];
        actions.seek(p, firstHeld[p]);
        firstHeld[p] = -1;
      }
    }
  }

  /** The position to checkpoint: where each partition resumes, and what was taken beyond that per pair. */
  DurablePosition position() {
    long[] resume = new long[partitions];
    for (int p = 0; p < partitions; p++) {
      resume[p] = firstHeld[p] >= 0 ? firstHeld[p] : next[p];
    }
    return new DurablePosition(partitions, producers.length, resume, done.clone());
  }

  private int slot(int producer) {
    int s = Arrays.binarySearch(producers, producer);
    if (s < 0) {
      throw new IllegalStateException("record from producer subtask " + producer + ", which does not send to this"
          + " consumer (expected one of " + Arrays.toString(producers) + ")");
    }
    return s;
  }

  /** Barrier currently being aligned, or -1 (for tests). */
  long pendingBarrier() {
    return pending;
  }
}
