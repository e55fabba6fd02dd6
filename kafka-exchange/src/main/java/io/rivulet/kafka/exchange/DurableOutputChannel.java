package io.rivulet.kafka.exchange;

import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.network.ManagedChannel;
import io.rivulet.runtime.network.OutputChannel;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.network.TaskWaker;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The producing end of a DURABLE edge from producer subtask {@code i} to consumer subtask {@code j}: every batch of
 * records the task's {@link io.rivulet.runtime.network.RecordWriter} hands over is written at once, as one
 * {@link EnvelopeKind#RECORDS} envelope per partition of {@code j}'s that its records go to (by key group on HASH
 * edges), and every event to all of them but a latency marker, which goes to one. One Kafka record per batch, not
 * per record: Kafka's cost per record (the broker's and the consumer's work, the record's framing) is what limits
 * the exchange otherwise. The batch is what the writer flushes when full or at its buffer timeout, so batching adds
 * no delay of its own; events follow the batches sent before them.
 * Task thread only; the {@link DurableProducer} behind it is shared with the task's channels to other consumers.
 *
 * <p>Credit is the producer's: no credit while too many bytes are unacknowledged. The one buffer this channel
 * lends out comes straight back, since {@link #send} hands its records to Kafka before it returns.
 */
final class DurableOutputChannel implements OutputChannel, ManagedChannel {
  private final DurableEdge edge;
  private final DurableProducer producer;
  private final int producerIndex;
  private final int consumer;
  private final int attempt;
  private final TypeSerializer<Object> serializer;
  private final TaskWaker waker;
  private final RecordBatch buffer;
  private final int[] partitions;
  private final boolean keyed;
  private final DataOutputSerializer scratch = new DataOutputSerializer(256);
  /** The batch being built per partition of the consumer's (index into {@link #partitions}); task thread. */
  private final DataOutputSerializer[] bodies;

  /**
   * A batch is written once its payload reaches this size, so that one Kafka record stays well below the
   * producer's {@code batch.size} (512 KiB) and the broker's message size limit (1 MiB by default).
   */
  static final int MAX_BATCH_BYTES = 256 * 1024;

  @SuppressWarnings("unchecked")
  DurableOutputChannel(DurableEdge edge, DurableProducer producer, int producerIndex, int consumer, int attempt,
      TypeSerializer<?> serializer, int recordsPerBuffer, TaskWaker waker) {
    this.edge = edge;
    this.producer = producer;
    this.producerIndex = producerIndex;
    this.consumer = consumer;
    this.attempt = attempt;
    this.serializer = (TypeSerializer<Object>) serializer.duplicate();
    this.waker = waker;
    this.buffer = new RecordBatch(recordsPerBuffer);
    this.partitions = edge.partitionsOf(consumer);
    this.keyed = edge.partitioning() == io.rivulet.api.graph.Partitioning.HASH;
    this.bodies = new DataOutputSerializer[partitions.length];
    for (int k = 0; k < bodies.length; k++) {
      bodies[k] = new DataOutputSerializer(4096); // grows to the batch's size once, then is reused
    }
  }

  @Override
  public boolean hasCredit() {
    return producer.hasCredit();
  }

  @Override
  public RecordBatch tryTakeBuffer() {
    return producer.hasCredit() ? buffer : null;
  }

  @Override
  public void send(RecordBatch batch) {
    int first = partitions[0];
    int fixed = edge.fixedPartition(producerIndex, consumer) - first;
    try {
      for (int i = 0, n = batch.size(); i < n; i++) {
        scratch.clear();
        serializer.serialize(batch.value(i), scratch);
        // the consumer owns the contiguous partitions [first, first + m): the index of the body is partition - first
        int k = keyed ? edge.partitionForKey(batch.key(i)) - first : fixed;
        DataOutputSerializer body = bodies[k];
        EnvelopeCodec.appendRecord(body, batch.timestamp(i), scratch.buffer(), 0, scratch.length());
        if (body.length() >= MAX_BATCH_BYTES) {
          write(k);
        }
      }
      for (int k = 0; k < bodies.length; k++) {
        write(k);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("serializing a record for " + edge.topic() + " failed", e);
    } finally {
      batch.clear();
    }
  }

  /** Writes the batch built for partition index {@code k}, if any. */
  private void write(int k) {
    DataOutputSerializer body = bodies[k];
    if (body.length() > 0) {
      producer.send(partitions[k], EnvelopeCodec.encode(EnvelopeKind.RECORDS, producerIndex, attempt, Long.MIN_VALUE,
          0, body.buffer(), 0, body.length()));
      body.clear();
    }
  }

  @Override
  public void sendEvent(StreamEvent event) {
    byte[] control;
    if (event instanceof StreamEvent.Watermark w) {
      control = EnvelopeCodec.control(EnvelopeKind.WATERMARK, producerIndex, attempt, w.timestamp(), 0);
    } else if (event instanceof StreamEvent.IdleStatus s) {
      control = EnvelopeCodec.control(s.idle() ? EnvelopeKind.IDLE : EnvelopeKind.ACTIVE, producerIndex, attempt, 0, 0);
    } else if (event instanceof StreamEvent.CheckpointBarrier b) {
      control = EnvelopeCodec.control(EnvelopeKind.BARRIER, producerIndex, attempt, b.timestamp(), b.id());
    } else if (event instanceof StreamEvent.EndOfPartition) {
      control = EnvelopeCodec.control(EnvelopeKind.END, producerIndex, attempt, 0, 0);
    } else if (event instanceof StreamEvent.LatencyMarker m) {
      // a sample of one path, like on the other exchanges: one partition, the one this producer's records for this
      // consumer go to on non-HASH edges, so the marker is read behind them (on a HASH edge behind those records of
      // this producer whose keys fall in that partition)
      producer.send(edge.fixedPartition(producerIndex, consumer), EnvelopeCodec.latency(producerIndex, attempt, m));
      return;
    } else {
      throw new IllegalArgumentException("cannot send " + event + " through a durable exchange");
    }
    for (int p : partitions) {
      producer.send(p, control);
    }
    if (event instanceof StreamEvent.EndOfPartition) {
      // end of input: every record is acknowledged, or its write failed the task, before the task reports that it
      // finished; so the job cannot finish without this producer's data, nor hang on an END that never arrived
      producer.flush();
    }
  }

  @Override
  public TaskWaker producerWaker() {
    return waker;
  }

  @Override
  public String stateKey() {
    return "durable-out-e" + edge.edgeId() + "-c" + consumer;
  }

  @Override
  public void open(byte[] restored) {
    producer.open();
  }

  @Override
  public byte[] snapshot(long checkpointId) {
    return null; // what was sent is in Kafka; the consumer's offsets are the state of the exchange
  }

  @Override
  public void close(boolean graceful) {
    producer.close(graceful);
  }
}
