package io.rivulet.runtime.tasks;

import io.rivulet.runtime.operators.SourceMetrics;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.operators.OperatorMetrics;
import java.util.Collection;

/**
 * What one task counts about its input and output, for readers on other threads (meters, heartbeats, the status
 * page); a task's is {@link StreamTask#metrics()}.
 *
 * <p>Who writes what: the three counters are written by the task thread only (its input processor counts records,
 * its loop the time it waited) and read by anyone; they are volatile so a reader sees a recent value, and a stale one
 * is fine. The record writers and the head operator's counters are published once by the task thread when it built
 * its operator chain. Everything else is read on request from the gates and output channels, which the deploying
 * thread fixes before the task starts: this costs the loop nothing, and a reader a gate lock per call for queue
 * lengths and buffer counts.
 */
public final class TaskIoMetrics {
  private static final RecordWriter[] NO_WRITERS = new RecordWriter[0];

  private final boolean source;
  private final InputGate[] gates;
  /** The task's output channels per edge (the arrays are the task's own, filled before it starts). */
  private final Collection<OutputChannel[]> outputChannels;

  // ---- task thread writes, any thread reads
  private volatile long recordsIn;
  private volatile long backPressuredNanos;
  private volatile long idleNanos;
  private volatile RecordWriter[] writers = NO_WRITERS;
  /** The head operator's counters, once the chain is built. */
  private volatile OperatorMetrics headMetrics;

  TaskIoMetrics(boolean source, InputGate[] gates, Collection<OutputChannel[]> outputChannels) {
    this.source = source;
    this.gates = gates;
    this.outputChannels = outputChannels;
  }

  // ------------------------------------------------------------------ task thread

  /** The operator chain is built: its writers count records out, its head operator the watermark. */
  void chainBuilt(RecordWriter[] writers, OperatorMetrics head) {
    this.writers = writers;
    this.headMetrics = head;
  }

  void addRecordsIn(int n) {
    recordsIn += n; // only the task thread writes: no lost updates
  }

  void addBackPressuredNanos(long nanos) {
    backPressuredNanos += nanos;
  }

  void addIdleNanos(long nanos) {
    idleNanos += nanos;
  }

  // ------------------------------------------------------------------ readers (any thread, stale is fine)

  /** Records the task took from its inputs (0 for a source). */
  public long recordsIn() {
    return recordsIn;
  }

  /** Records the task wrote to its outputs (0 before its operators are built). */
  public long recordsOut() {
    long n = 0;
    for (RecordWriter w : writers) {
      n += w.recordsOut();
    }
    return n;
  }

  /** Nanoseconds the task waited for output credit. */
  public long backPressuredNanos() {
    return backPressuredNanos;
  }

  /** Nanoseconds the task waited for input. */
  public long idleNanos() {
    return idleNanos;
  }

  /** Number of inputs of the head operator (0 for a source, 2 for a two-input operator). */
  public int inputCount() {
    return gates.length;
  }

  /** Serialized bytes received over network channels (local channels hand over objects and count 0). */
  public long bytesIn() {
    long n = 0;
    for (InputGate g : gates) {
      n += g.bytesIn();
    }
    return n;
  }

  /** Serialized bytes sent over network channels (local channels hand over objects and count 0). */
  public long bytesOut() {
    long n = 0;
    for (OutputChannel[] channels : outputChannels) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.bytesSent();
        }
      }
    }
    return n;
  }

  /** Buffers and events queued at the task's inputs, not yet processed. */
  public int inputQueueLength() {
    int n = 0;
    for (InputGate g : gates) {
      n += g.queuedItems();
    }
    return n;
  }

  /** Buffers and events the task sent that the receivers (or the network) have not taken yet. */
  public int outputQueueLength() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.queuedBuffers();
        }
      }
    }
    return n;
  }

  /** Credit over all output channels: buffers the receivers granted that the task has not filled yet. */
  public int outputCredit() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels) {
      for (OutputChannel c : channels) {
        if (c != null) {
          n += c.availableCredit();
        }
      }
    }
    return n;
  }

  /** Output channels without credit: the receivers the task would have to wait for. */
  public int outputChannelsWithoutCredit() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels) {
      for (OutputChannel c : channels) {
        if (c != null && c.availableCredit() == 0) {
          n++;
        }
      }
    }
    return n;
  }

  /** Number of output channels (over all outgoing edges). */
  public int outputChannelCount() {
    int n = 0;
    for (OutputChannel[] channels : outputChannels) {
      n += channels.length;
    }
    return n;
  }

  /** The watermark the head operator has processed (a source: emitted); Long.MIN_VALUE before the first. */
  public long currentWatermark() {
    OperatorMetrics m = headMetrics;
    return m == null ? Long.MIN_VALUE : m.currentWatermark();
  }

  /** What the task's source reader reports (its lag), or null if the task is not a source or not initialized. */
  public SourceMetrics sourceMetrics() {
    OperatorMetrics m = headMetrics;
    return m == null || !source ? null : m.source();
  }
}
