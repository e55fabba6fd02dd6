package io.rivulet.runtime.network.durable;

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
 * The producing end of a DURABLE edge from producer subtask {@code i} to consumer subtask {@code j}: every
 * record the task's {@link io.rivulet.runtime.network.RecordWriter} hands over is written at once, in an
 * envelope, to one of {@code j}'s partitions (by key group on HASH edges), and every event to all of them but a
 * latency marker, which goes to one.
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
    this.keyed = edge.partitioning() == io.rivulet.api.Partitioning.HASH;
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
    int fixed = edge.fixedPartition(producerIndex, consumer);
    try {
      for (int i = 0, n = batch.size(); i < n; i++) {
        scratch.clear();
        serializer.serialize(batch.value(i), scratch);
        int partition = keyed ? edge.partitionForKey(batch.key(i)) : fixed;
        producer.send(partition, EnvelopeCodec.encode(EnvelopeKind.RECORD, producerIndex, attempt, batch.timestamp(i),
            0, scratch.buffer(), 0, scratch.length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("serializing a record for " + edge.topic() + " failed", e);
    } finally {
      batch.clear();
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
