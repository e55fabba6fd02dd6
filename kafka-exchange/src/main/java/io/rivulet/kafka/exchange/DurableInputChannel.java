package io.rivulet.kafka.exchange;

import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.network.InputChannel;
import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.ManagedChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The consuming end of a DURABLE edge in one consumer subtask: one input channel of the task's gate, fed by a
 * {@link DurableReader} thread that polls the consumer's own partitions of the edge's topic (fixed assignment,
 * no consumer group) and combines what every producer wrote into one FIFO of record buffers and events
 * ({@link ProducerCombiner}).
 *
 * <p>Back pressure: the channel owns {@code buffers} record buffers. The reader fills one, hands it to the gate
 * and takes the next from the free list; the task gives a buffer back when it has processed it. With none free
 * the reader waits and polls no more, so at most {@code buffers} buffers (plus the Kafka consumer's bounded
 * fetch buffer) are in memory, whatever the load.
 *
 * <p>Checkpoints: the reader passes barrier {@code n} to the gate only after storing the position that belongs to
 * it; the task asks for that position when it takes checkpoint {@code n} ({@link #snapshot}), and gives the
 * stored position back on restore ({@link #open}), where the reader resumes.
 */
public final class DurableInputChannel extends InputChannel implements ManagedChannel {
  private final DurableEdge edge;
  private final int consumer;
  private final int attempt;
  private final TypeSerializer<?> serializer;
  private final DurableSettings settings;
  private final String taskName;
  /** Free buffers: put back by the task thread, taken by the reader thread. */
  private final ArrayBlockingQueue<RecordBatch> free;
  /** Positions of barriers handed to the gate and not yet snapshotted; reader thread puts, task thread takes. */
  private final Map<Long, byte[]> positions = new ConcurrentHashMap<>();
  private DurableReader reader;
  private Thread thread;

  public DurableInputChannel(InputGate gate, int index, DurableEdge edge, int consumer, int attempt,
      TypeSerializer<?> serializer, DurableSettings settings, int recordsPerBuffer, String taskName) {
    super(gate, index);
    this.edge = edge;
    this.consumer = consumer;
    this.attempt = attempt;
    this.serializer = serializer;
    this.settings = settings;
    this.taskName = taskName;
    this.free = new ArrayBlockingQueue<>(settings.buffersPerChannel());
    for (int i = 0; i < settings.buffersPerChannel(); i++) {
      free.add(new RecordBatch(recordsPerBuffer));
    }
  }

  @Override
  public String stateKey() {
    return "durable-e" + edge.edgeId();
  }

  /** Task thread: restores the position (if the checkpoint was taken on this topic) and starts the reader. */
  @Override
  public void open(byte[] restored) {
    DurablePosition position = restored == null ? null : DurablePosition.fromBytes(restored, edge.topic());
    ProducerCombiner combiner = new ProducerCombiner(edge.producersOf(consumer), edge.partitionsPerConsumer(), attempt);
    if (position != null) {
      combiner.restore(position);
    }
    reader = new DurableReader(this, edge, edge.partitionsOf(consumer), combiner, serializer.duplicate(), settings,
        taskName + "-" + edge.topic());
    thread = new Thread(reader, "rivulet-durable-reader " + taskName + " e" + edge.edgeId());
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public byte[] snapshot(long checkpointId) {
    byte[] b = positions.remove(checkpointId);
    positions.keySet().removeIf(id -> id < checkpointId); // barriers of checkpoints given up
    return b;
  }

  @Override
  public void close(boolean graceful) throws InterruptedException {
    if (reader != null) {
      reader.stop();
      thread.join(10_000);
    }
  }

  @Override
  protected void recycle(RecordBatch batch) {
    batch.clear();
    free.offer(batch);
  }

  // ------------------------------------------------------------------ reader thread

  /** A free buffer, waiting for the task to give one back; null when the reader stopped meanwhile. */
  RecordBatch takeBuffer(DurableReader r) throws InterruptedException {
    while (!r.stopped()) {
      RecordBatch b = free.poll(50, TimeUnit.MILLISECONDS);
      if (b != null) {
        return b;
      }
    }
    return null;
  }

  void deliver(Object bufferOrEvent) {
    gate().enqueue(this, bufferOrEvent);
  }

  void storePosition(long checkpointId, byte[] position) {
    positions.put(checkpointId, position);
  }

  void fail(Throwable t) {
    deliver(new StreamEvent.ChannelFailure("durable " + edge.topic() + " (consumer " + consumer + ")", t));
  }

  /** Buffers the task holds or has queued (for tests: bounded by the buffer count). */
  public int buffersInUse() {
    return settings.buffersPerChannel() - free.size();
  }
}
