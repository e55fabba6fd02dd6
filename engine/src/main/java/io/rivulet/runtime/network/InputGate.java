package io.rivulet.runtime.network;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * All channels feeding one input of a task, and the gate's floating buffer pool. The consuming task thread
 * polls buffers and events across channels in round-robin order; producers (other task threads or network
 * threads) enqueue under {@link #lock} and wake the consumer.
 *
 * <p>One lock per gate guards every channel's queue and free list: it is taken once per buffer (hundreds
 * of records), not per record.
 */
public final class InputGate {
  final Object lock = new Object();
  private final List<InputChannel> channels = new ArrayList<>();
  /** Channels with queued items that are not blocked, in arrival order. Guarded by {@link #lock}. */
  private final ArrayDeque<InputChannel> withData = new ArrayDeque<>();
  /** Floating buffers not lent out. Guarded by {@link #lock}. */
  private final ArrayDeque<RecordBatch> floating = new ArrayDeque<>();
  /** Channels whose producer waits for a floating buffer. Guarded by {@link #lock}. */
  final ArrayDeque<LocalChannel> waitingForFloating = new ArrayDeque<>();
  private final TaskWaker consumerWaker;
  private final int inputIndex;
  /** Local floating buffers the gate started with. */
  private final int floatingCapacity;
  /** Serialized bytes received on this gate's channels; added once per buffer, read by reporters. */
  private final LongAdder bytesIn = new LongAdder();
  /** The channel the last polled item came from; task thread only. */
  private InputChannel lastChannel;
  /** Number of channels whose end of partition was consumed; task thread only. */
  private int finishedCount;

  public InputGate(int inputIndex, TaskWaker consumerWaker, int floatingBuffers, int bufferCapacity) {
    this.inputIndex = inputIndex;
    this.consumerWaker = consumerWaker;
    this.floatingCapacity = floatingBuffers;
    for (int i = 0; i < floatingBuffers; i++) {
      RecordBatch b = new RecordBatch(bufferCapacity);
      b.floating = true;
      floating.add(b);
    }
  }

  /** 0 for the first input of the task's head operator, 1 for the second. */
  public int inputIndex() {
    return inputIndex;
  }

  /** Creates and registers a local channel as the next channel of this gate. */
  public LocalChannel addLocalChannel(TaskWaker producerWaker, int exclusiveBuffers, int capacity) {
    LocalChannel c = new LocalChannel(this, channels.size(), producerWaker, exclusiveBuffers, capacity);
    channels.add(c);
    return c;
  }

  /** Registers a channel built elsewhere (network channels); its index must be {@link #channelCount()}. */
  public void addChannel(InputChannel channel) {
    if (channel.index != channels.size()) {
      throw new IllegalArgumentException("channel index " + channel.index + " != " + channels.size());
    }
    channels.add(channel);
  }

  /** The channel at {@code index} (wiring and task start-up; not for the hot path). */
  public InputChannel channel(int index) {
    return channels.get(index);
  }

  public int channelCount() {
    return channels.size();
  }

  public TaskWaker consumerWaker() {
    return consumerWaker;
  }

  // ------------------------------------------------------------------ producer side

  /** Appends an item to a channel and wakes the consumer. Any thread. */
  public void enqueue(InputChannel channel, Object item) {
    synchronized (lock) {
      channel.queue.add(item);
      if (!channel.listed && !channel.blocked) {
        channel.listed = true;
        withData.add(channel);
      }
    }
    consumerWaker.wakeUp();
  }

  /** A floating buffer for a producer with backlog, or null. Under {@link #lock}. */
  RecordBatch lendFloating() {
    RecordBatch b = floating.poll();
    if (b != null) {
      b.floating = true;
    }
    return b;
  }

  /**
   * A consumed floating buffer comes back: lend it to a channel whose producer is waiting, else pool it.
   * Under {@link #lock}. Returns the channel whose producer the caller must wake (outside the lock), or null.
   */
  LocalChannel returnFloating(RecordBatch batch) {
    LocalChannel waiting = waitingForFloating.poll();
    if (waiting != null) {
      waiting.receiveFloating(batch);
      return waiting;
    }
    floating.add(batch);
    return null;
  }

  // ------------------------------------------------------------------ consumer side (task thread)

  /**
   * The next buffer ({@link RecordBatch}) or {@link StreamEvent} from any unblocked channel, or null when none
   * is queued. {@link #lastChannel()} tells where it came from.
   */
  public Object poll() {
    Object item;
    synchronized (lock) {
      InputChannel c = withData.poll();
      if (c == null) {
        return null;
      }
      item = c.queue.poll();
      if (c.queue.isEmpty()) {
        c.listed = false;
      } else {
        withData.add(c); // round robin: others get a turn before this channel's next buffer
      }
      lastChannel = c;
      if (!(item instanceof NetworkBuffer)) {
        return item;
      }
    }
    // remote data is decoded on the task thread, outside the lock
    NetworkBuffer buffer = (NetworkBuffer) item;
    bytesIn.add(buffer.length());
    return ((RemoteInputChannel) lastChannel).decode(buffer);
  }

  /**
   * Counts serialized bytes received for this gate by a channel kind that deserializes elsewhere (the durable
   * exchange); remote gRPC channels are counted by {@link #poll()}. Any thread; call it per buffer, not per record.
   */
  public void addBytesIn(long bytes) {
    bytesIn.add(bytes);
  }

  /** True if {@link #poll()} would return something. */
  public boolean hasData() {
    synchronized (lock) {
      return !withData.isEmpty();
    }
  }

  public int lastChannel() {
    return lastChannel.index;
  }

  /** Gives a consumed buffer back to the channel it came from. */
  public void recycle(RecordBatch batch) {
    lastChannel.recycle(batch);
  }

  /** Holds a channel back (checkpoint alignment): its items stay queued until {@link #unblockAll()}. */
  public void block(int channelIndex) {
    synchronized (lock) {
      InputChannel c = channels.get(channelIndex);
      c.blocked = true;
      if (c.listed) {
        withData.remove(c);
        c.listed = false;
      }
    }
  }

  public void unblockAll() {
    synchronized (lock) {
      for (InputChannel c : channels) {
        if (c.blocked) {
          c.blocked = false;
          if (!c.queue.isEmpty() && !c.listed) {
            c.listed = true;
            withData.add(c);
          }
        }
      }
    }
  }

  /** Records that a channel delivered its end of partition; returns true when all channels have. */
  public boolean markFinished(int channelIndex) {
    InputChannel c = channels.get(channelIndex);
    if (!c.finished) {
      c.finished = true;
      finishedCount++;
    }
    return finishedCount == channels.size();
  }

  public boolean isFinished(int channelIndex) {
    return channels.get(channelIndex).finished;
  }

  public boolean allFinished() {
    return finishedCount == channels.size();
  }

  // ------------------------------------------------------------------ metrics (reporter threads)

  /** Serialized bytes received on this gate (0 while all its channels are local). */
  public long bytesIn() {
    return bytesIn.sum();
  }

  /**
   * Floating buffers lent out to channels: local ones from the gate's own pool, remote ones from the pool its
   * network channels share.
   */
  public int floatingBuffersInUse() {
    int used;
    synchronized (lock) {
      used = floatingCapacity - floating.size();
    }
    for (InputChannel c : channels) {
      if (c instanceof RemoteInputChannel r) {
        used += r.credit().floatingHeld();
      }
    }
    return used;
  }

  /** Floating buffers the gate's channels may borrow in total. */
  public int floatingBuffersCapacity() {
    int capacity = floatingCapacity;
    Map<FloatingBufferPool, Boolean> pools = new IdentityHashMap<>();
    for (InputChannel c : channels) {
      if (c instanceof RemoteInputChannel r && r.credit().pool() != null
          && pools.put(r.credit().pool(), Boolean.TRUE) == null) {
        capacity += r.credit().pool().capacity();
      }
    }
    return capacity;
  }

  /**
   * Exclusive buffers in use: of a local channel, those not in its free list (being filled, queued or being
   * consumed); of a remote channel, those holding data that arrived and was not consumed yet.
   */
  public int exclusiveBuffersInUse() {
    int used = 0;
    synchronized (lock) {
      for (InputChannel c : channels) {
        if (c instanceof LocalChannel l) {
          used += l.exclusiveBuffersInUse();
        }
      }
    }
    for (InputChannel c : channels) {
      if (c instanceof RemoteInputChannel r) {
        used += Math.min(r.credit().exclusive(), r.credit().inReceiver());
      }
    }
    return used;
  }

  /** Exclusive buffers over all channels of the gate. */
  public int exclusiveBuffersCapacity() {
    int capacity = 0;
    for (InputChannel c : channels) {
      if (c instanceof LocalChannel l) {
        capacity += l.exclusiveBuffers();
      } else if (c instanceof RemoteInputChannel r) {
        capacity += r.credit().exclusive();
      }
    }
    return capacity;
  }

  /** Queued items over all channels (a gauge for metrics: the input queue length). */
  public int queuedItems() {
    synchronized (lock) {
      int n = 0;
      for (InputChannel c : channels) {
        n += c.queue.size();
      }
      return n;
    }
  }
}
