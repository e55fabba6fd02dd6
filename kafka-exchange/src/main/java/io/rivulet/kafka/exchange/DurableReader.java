package io.rivulet.kafka.exchange;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.network.RecordBatch;
import io.rivulet.runtime.network.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The polling loop of one {@link DurableInputChannel}, on a thread of its own that owns the Kafka consumer (which
 * is not thread-safe) and the {@link ProducerCombiner}. Reads the consumer's partitions from the restored position
 * (or the beginning), decodes envelopes, deserializes records into the channel's buffers, and hands full buffers —
 * and, after every poll, the partly filled one — to the gate. It stops at the end of every producer's data, or when
 * told to ({@link #stop}). A failure reaches the task as a {@link StreamEvent.ChannelFailure}.
 */
final class DurableReader implements Runnable, ProducerCombiner.Actions {
  private final DurableInputChannel channel;
  private final DurableEdge edge;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final Map<Integer, Integer> indexOfPartition = new HashMap<>();
  private final ProducerCombiner combiner;
  @SuppressWarnings("rawtypes")
  private final TypeSerializer serializer;
  private final DurableSettings settings;
  private final String clientId;
  private final DataInputDeserializer input = new DataInputDeserializer();
  private final Envelope envelope = new Envelope();
  private final EnvelopeCodec.RecordsCursor cursor = new EnvelopeCodec.RecordsCursor();
  private volatile boolean stopped;
  private KafkaConsumer<byte[], byte[]> consumer;
  /** Partitions sought back during the current poll: the rest of what that poll returned for them is dropped. */
  private boolean[] sought;
  private RecordBatch current;

  DurableReader(DurableInputChannel channel, DurableEdge edge, int[] partitions, ProducerCombiner combiner,
      TypeSerializer<?> serializer, DurableSettings settings, String clientId) {
    this.channel = channel;
    this.edge = edge;
    for (int i = 0; i < partitions.length; i++) {
      this.partitions.add(new TopicPartition(edge.topic(), partitions[i]));
      indexOfPartition.put(partitions[i], i);
    }
    this.combiner = combiner;
    this.serializer = serializer;
    this.settings = settings;
    this.clientId = clientId;
    this.sought = new boolean[partitions.length];
    combiner.setActions(this);
  }

  boolean stopped() {
    return stopped;
  }

  /** Any thread: the reader ends at its next step (a poll in progress is woken). */
  void stop() {
    stopped = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  @Override
  public void run() {
    Map<String, Object> config = new HashMap<>(settings.consumer());
    config.put("client.id", clientId);
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      if (stopped) {
        return;
      }
      c.assign(partitions);
      for (int i = 0; i < partitions.size(); i++) {
        c.seek(partitions.get(i), combiner.startOffset(i));
      }
      while (!stopped && !combiner.allEnded()) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
        java.util.Arrays.fill(sought, false);
        for (TopicPartition tp : records.partitions()) {
          int p = indexOfPartition.get(tp.partition());
          for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
            if (sought[p] || stopped) {
              break;
            }
            handle(p, r);
            if (combiner.allEnded()) {
              break;
            }
          }
        }
        flush();
      }
    } catch (WakeupException | InterruptedException e) {
      if (!stopped) {
        channel.fail(e);
      }
    } catch (Throwable t) {
      if (!stopped) {
        channel.fail(t);
      }
    } finally {
      consumer = null;
    }
  }

  private void handle(int p, ConsumerRecord<byte[], byte[]> r) throws Exception {
    EnvelopeCodec.decode(r.value(), envelope);
    if (!combiner.accept(p, r.offset(), envelope)) {
      return;
    }
    if (envelope.kind() == EnvelopeKind.RECORDS) {
      cursor.reset(envelope);
      while (cursor.next()) {
        if (!add(cursor.buffer(), cursor.offset(), cursor.length(), cursor.timestamp())) {
          return; // stopped while waiting for a buffer
        }
      }
    } else {
      add(envelope.payloadBuffer(), envelope.payloadOffset(), envelope.payloadLength(), envelope.timestamp());
    }
  }

  /** Deserializes one record into the current buffer (taking a free one first); false if stopped meanwhile. */
  @SuppressWarnings("unchecked")
  private boolean add(byte[] bytes, int offset, int length, long timestamp) throws Exception {
    if (current == null) {
      current = channel.takeBuffer(this);
      if (current == null) {
        return false;
      }
    }
    input.setBuffer(bytes, offset, length);
    current.add(serializer.deserialize(input), timestamp, null);
    if (current.isFull()) {
      flush();
    }
    return true;
  }

  /** Hands the partly filled buffer to the gate. */
  private void flush() {
    if (current != null && current.size() > 0) {
      channel.deliver(current);
      current = null;
    }
  }

  // ------------------------------------------------------------------ ProducerCombiner.Actions

  @Override
  public void event(StreamEvent event) {
    flush();
    channel.deliver(event);
  }

  @Override
  public void barrier(long id, long timestamp, DurablePosition position) {
    flush();
    channel.storePosition(id, position.toBytes(edge.topic()));
    channel.deliver(new StreamEvent.CheckpointBarrier(id, timestamp));
  }

  @Override
  public void seek(int partitionIndex, long offset) {
    consumer.seek(partitions.get(partitionIndex), offset);
    sought[partitionIndex] = true;
  }
}
