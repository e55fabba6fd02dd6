package io.rivulet.runtime.network;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.runtime.state.KeyGroups;
import java.util.function.BooleanSupplier;

/**
 * Writes the records of one outgoing edge of a subtask into the channels to the downstream subtasks,
 * choosing the channel by the edge's partitioning. Task thread only.
 *
 * <p>A record goes into the channel's current buffer; a full buffer is sent at once, a partly filled one
 * when the task flushes (buffer timeout, idle task, before events). Buffers are only taken against credit;
 * the task asks {@link #isAvailable()} before it processes more input, so the blocking wait in
 * {@link #emit} happens only when a single input record produces more than a buffer's worth of output.
 */
public final class RecordWriter {
  private final OutputChannel[] channels;
  private final RecordBatch[] current;
  private final Partitioning partitioning;
  @SuppressWarnings("rawtypes")
  private final KeySelector keySelector;
  private final int maxParallelism;
  private final TaskWaker waker;
  private final BooleanSupplier cancelled;
  private int nextChannel;
  /** The channel the next latency marker goes to (markers take turns over the channels, whatever the partitioning). */
  private int nextMarkerChannel;
  /** Flush after every record (buffer timeout 0). */
  private final boolean flushAlways;
  /** Records written, for metrics; task thread writes, others read a possibly stale value. */
  private long recordsOut;

  public RecordWriter(OutputChannel[] channels, Partitioning partitioning, KeySelector<?, ?> keySelector,
      int maxParallelism, TaskWaker waker, BooleanSupplier cancelled, boolean flushAlways, int subtaskIndex) {
    this.channels = channels;
    this.current = new RecordBatch[channels.length];
    this.partitioning = partitioning;
    this.keySelector = keySelector;
    this.maxParallelism = maxParallelism;
    this.waker = waker;
    this.cancelled = cancelled;
    this.flushAlways = flushAlways;
    // spread the round robin of different producers over different first channels
    this.nextChannel = channels.length == 0 ? 0 : subtaskIndex % channels.length;
  }

  public int channelCount() {
    return channels.length;
  }

  @SuppressWarnings("unchecked")
  public void emit(Object record, long timestamp) throws Exception {
    switch (partitioning) {
      case FORWARD, GLOBAL -> write(0, record, timestamp, null);
      case REBALANCE -> {
        int c = nextChannel;
        write(c, record, timestamp, null);
        nextChannel = c + 1 == channels.length ? 0 : c + 1;
      }
      case HASH -> {
        Object key = keySelector.getKey(record);
        if (key == null) {
          throw new NullPointerException("key selector returned null for record " + record
              + ": keys must not be null");
        }
        int c = KeyGroups.subtaskForKey(key, maxParallelism, channels.length);
        write(c, record, timestamp, key);
      }
      case BROADCAST -> {
        for (int c = 0; c < channels.length; c++) {
          write(c, record, timestamp, null);
        }
      }
      default -> throw new IllegalStateException("unknown partitioning " + partitioning);
    }
  }

  private void write(int channel, Object record, long timestamp, Object key) throws InterruptedException {
    RecordBatch b = current[channel];
    if (b == null) {
      b = current[channel] = takeBuffer(channel);
    }
    b.add(record, timestamp, key);
    recordsOut++;
    if (b.isFull() || flushAlways) {
      channels[channel].send(b);
      current[channel] = null;
    }
  }

  /** Takes a buffer against credit, waiting for credit if there is none (see class comment). */
  private RecordBatch takeBuffer(int channel) throws InterruptedException {
    OutputChannel ch = channels[channel];
    RecordBatch b = ch.tryTakeBuffer();
    while (b == null) {
      waker.prepareToPark();
      b = ch.tryTakeBuffer();
      if (b != null) {
        waker.cancelPark();
        break;
      }
      if (cancelled.getAsBoolean()) {
        waker.cancelPark();
        throw new InterruptedException("task cancelled while waiting for credit");
      }
      waker.park(TaskWaker.millisToNanos(100));
      b = ch.tryTakeBuffer();
    }
    return b;
  }

  /**
   * True when every channel can take at least one more record without waiting: its current buffer has
   * room, or it has credit for a new one.
   */
  public boolean isAvailable() {
    for (int c = 0; c < channels.length; c++) {
      RecordBatch b = current[c];
      if ((b == null || b.isFull()) && !channels[c].hasCredit()) {
        return false;
      }
    }
    return true;
  }

  /** Sends all partly filled buffers. */
  public void flush() {
    for (int c = 0; c < channels.length; c++) {
      RecordBatch b = current[c];
      if (b != null && b.size() > 0) {
        channels[c].send(b);
        current[c] = null;
      }
      channels[c].flush();
    }
  }

  /** Flushes, then sends the event to every channel (in band, after the data). */
  public void broadcastEvent(StreamEvent event) {
    flush();
    for (OutputChannel ch : channels) {
      ch.sendEvent(event);
    }
  }

  /**
   * Sends a latency marker to one channel, taking turns over the channels (a sample of one path, not a broadcast).
   * That channel's partly filled buffer goes first, so the marker does not overtake the records written before it.
   * Needs no credit, as any event.
   */
  public void emitLatencyMarker(StreamEvent.LatencyMarker marker) {
    if (channels.length == 0) {
      return;
    }
    int c = nextMarkerChannel;
    nextMarkerChannel = c + 1 == channels.length ? 0 : c + 1;
    RecordBatch b = current[c];
    if (b != null && b.size() > 0) {
      channels[c].send(b);
      current[c] = null;
    }
    channels[c].sendEvent(marker);
  }

  public long recordsOut() {
    return recordsOut;
  }
}
