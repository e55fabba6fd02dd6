package io.rivulet.kafka.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The fetch thread of one source subtask. It alone owns the {@link Consumer}: it assigns the subtask's
 * partitions, positions them, polls, and hands batches to the task thread through a small bounded queue
 * (so a slow task stops the fetching: back pressure). It never deserializes; the task thread does that.
 *
 * <p>Thread use: {@link #start}, {@link #poll()}, {@link #requestCommit} and {@link #close} are called by the
 * task thread; everything else runs on the fetch thread.
 */
final class PartitionFetcher implements Runnable {
  /** Batches in flight between the threads: enough to keep both busy, few enough to bound memory. */
  private static final int QUEUE_CAPACITY = 4;
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final String topic;
  private final int subtask;
  private final int parallelism;
  private final Positioner positioner;
  private final Map<String, Object> consumerProperties;
  private final Runnable signal;
  private final boolean commitOffsets;
  private final BlockingQueue<FetchEvent> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  /** Offsets to commit to the group, set by the task thread, taken by the fetch thread. */
  private final AtomicReference<Map<TopicPartition, OffsetAndMetadata>> commitRequest = new AtomicReference<>();
  private volatile boolean running = true;
  /** Written by the fetch thread once the consumer exists; read by the task thread to wake it on close. */
  private volatile Consumer<byte[], byte[]> consumer;
  private Thread thread;

  /** Where each assigned partition starts, and where it stops in bounded mode. */
  record Positions(Map<TopicPartition, Long> start, Map<TopicPartition, Long> stop) {}

  /** Decides start and stop offsets of the assigned partitions; runs on the fetch thread. */
  @FunctionalInterface
  interface Positioner {
    Positions position(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned);
  }

  /**
   * @param signal wakes the task thread when an event is queued (any thread)
   * @param commitOffsets whether {@link #requestCommit} commits (the consumer has a group id)
   */
  PartitionFetcher(String topic, int subtask, int parallelism, Map<String, Object> consumerProperties,
      Positioner positioner,
      boolean commitOffsets, Runnable signal) {
    this.topic = topic;
    this.subtask = subtask;
    this.parallelism = parallelism;
    this.consumerProperties = consumerProperties;
    this.positioner = positioner;
    this.commitOffsets = commitOffsets;
    this.signal = signal;
  }

  void start(String threadName) {
    thread = new Thread(this, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** The next event, or null if none is ready. Task thread. */
  FetchEvent poll() {
    return queue.poll();
  }

  boolean hasEvents() {
    return !queue.isEmpty();
  }

  /** Asks the fetch thread to commit these offsets to the consumer group (asynchronously). Task thread. */
  void requestCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    commitRequest.set(offsets);
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      if (!running) {
        return;
      }
      List<TopicPartition> assigned = assignedPartitions(c);
      c.assign(assigned);
      Positions positions = positioner.position(c, assigned);
      positions.start().forEach(c::seek);
      Map<TopicPartition, Long> reported = new HashMap<>(positions.start());
      pauseFinished(c, assigned, positions.stop(), reported);
      hand(new FetchEvent.Started(positions.start(), positions.stop()));
      while (running) {
        Map<TopicPartition, OffsetAndMetadata> commit = commitRequest.getAndSet(null);
        if (commit != null && commitOffsets) {
          c.commitAsync(commit, null); // monitoring only: a failed commit is retried by the next checkpoint
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL_TIMEOUT);
        Map<TopicPartition, Long> now = new HashMap<>();
        boolean moved = false;
        for (TopicPartition tp : assigned) {
          long p = c.position(tp);
          now.put(tp, p);
          moved |= !Long.valueOf(p).equals(reported.get(tp));
        }
        if (!records.isEmpty() || moved) {
          reported = now;
          pauseFinished(c, assigned, positions.stop(), now);
          hand(new FetchEvent.Records(records, now));
        }
      }
    } catch (WakeupException e) {
      if (running) {
        hand(new FetchEvent.Failed(e));
      }
    } catch (Throwable t) {
      hand(new FetchEvent.Failed(t));
    } finally {
      consumer = null;
    }
  }

  /** Subtask {@code i} of {@code p} takes the partitions {@code k % p == i}. */
  private List<TopicPartition> assignedPartitions(Consumer<byte[], byte[]> c) {
    List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Kafka topic " + topic + " does not exist (or has no partitions)");
    }
    List<TopicPartition> mine = new ArrayList<>();
    for (PartitionInfo info : infos) {
      if (info.partition() % parallelism == subtask) {
        mine.add(new TopicPartition(topic, info.partition()));
      }
    }
    mine.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
    return mine;
  }

  /** Bounded mode: a partition at its stop offset is not fetched any more. */
  private static void pauseFinished(Consumer<byte[], byte[]> c, List<TopicPartition> assigned,
      Map<TopicPartition, Long> stop, Map<TopicPartition, Long> positions) {
    if (stop.isEmpty()) {
      return;
    }
    List<TopicPartition> done = new ArrayList<>();
    for (TopicPartition tp : assigned) {
      Long end = stop.get(tp);
      if (end != null && positions.get(tp) >= end) {
        done.add(tp);
      }
    }
    c.pause(done);
  }

  /** Puts an event into the queue, waiting for room while running. */
  private void hand(FetchEvent event) {
    try {
      while (running || event instanceof FetchEvent.Failed) {
        if (queue.offer(event, 50, TimeUnit.MILLISECONDS)) {
          signal.run();
          return;
        }
        if (!running) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the fetch thread and waits (bounded) for it to close the consumer. Task thread. */
  void close() throws InterruptedException {
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      thread.join(10_000);
    }
  }
}
