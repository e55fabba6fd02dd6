package io.rivulet.kafka.impl;

import io.rivulet.api.connector.InputStatus;
import io.rivulet.api.connector.ReaderOutput;
import io.rivulet.api.connector.SourceContext;
import io.rivulet.api.connector.SourceReader;
import io.rivulet.api.watermark.TimestampAssigner;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.kafka.StartingOffsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One subtask of a Kafka source. The task thread calls {@link #pollNext}, which never blocks: it takes batches
 * the {@link PartitionFetcher}'s thread fetched, deserializes and emits up to {@code maxRecordsPerPoll} records,
 * tracks the next offset of every partition for checkpoints, and drives the per-partition watermarks.
 *
 * <p>Everything here belongs to the task thread, except what the fetcher owns (the consumer) and the
 * immutable restored state the fetcher reads once when it positions the partitions.
 */
public final class KafkaSourceReader<T> implements SourceReader<T> {
  private final SourceConfig<T> config;
  private final SourceContext context;
  private final SourceMetrics metrics;
  private final DeadLetterWriter deadLetters;
  private final TimestampAssigner<T> assigner;
  private final SubtaskWatermarks watermarks = new SubtaskWatermarks();
  private final Map<String, Object> clientProperties;
  /** Offsets per checkpoint, committed to the group when the checkpoint completes (only with a group id). */
  private final TreeMap<Long, Map<TopicPartition, OffsetAndMetadata>> offsetsToCommit = new TreeMap<>();

  private SourceState restored;
  private PartitionFetcher fetcher;
  /** The assigned partitions; null until the fetcher positioned them. */
  private Map<TopicPartition, PartitionState<T>> partitions;
  private long nextPeriodicEmit = Long.MIN_VALUE;
  /** Whether the hold ({@link SourceConfig#holdAtOffset}) is over; true from the start when there is none. */
  private boolean released;

  // the batch being emitted: partition by partition, record by record
  private FetchEvent.Records batch;
  private List<TopicPartition> batchPartitions;
  private int batchPartitionIndex;
  private List<ConsumerRecord<byte[], byte[]>> partitionRecords;
  private PartitionState<T> partitionState;
  private int recordIndex;

  public KafkaSourceReader(SourceConfig<T> config, SourceContext context) {
    this.config = config;
    this.context = context;
    this.metrics = SourceMetrics.forSource(config.sourceId());
    WatermarkStrategy<T> strategy = config.watermarks();
    this.assigner = strategy == null ? null : strategy.timestampAssigner();
    Map<String, Object> client = new HashMap<>(config.properties());
    client.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    this.clientProperties = client;
    this.deadLetters = new DeadLetterWriter(config.deadLetterTopic(), client, clientId("dlq"));
    this.released = config.holdGate() == null;
  }

  /** Whether the hold is still on; asks the gate only while it is (it is cheap, but not free). */
  private boolean held() {
    if (!released) {
      released = config.holdGate().isOpen();
    }
    return !released;
  }

  private String clientId(String role) {
    return "rivulet-" + role + "-" + config.topic() + "-" + context.subtaskIndex();
  }

  @Override
  public void restoreState(byte[] state) {
    SourceState s = SourceState.fromBytes(state);
    if (!s.topic().equals(config.topic())) {
      throw new IllegalStateException("the checkpoint holds offsets of Kafka topic " + s.topic()
          + ", but this source reads " + config.topic());
    }
    restored = s;
  }

  @Override
  public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
    deadLetters.checkFailure();
    if (fetcher == null) {
      startFetcher();
    }
    int processed = 0;
    boolean holding = false;
    while (processed < config.maxRecordsPerPoll()) {
      if (partitionRecords != null && recordIndex < partitionRecords.size()) {
        ConsumerRecord<byte[], byte[]> r = partitionRecords.get(recordIndex);
        if (r.offset() >= config.holdAtOffset() && held()) {
          holding = true; // the record stays where it is, the first one emitted once the hold is over
          break;
        }
        recordIndex++;
        processed++;
        if (!partitionState.beyondStop(r.offset())) {
          partitionState.nextOffset = r.offset() + 1;
          emit(partitionState, r, output);
        }
      } else if (batch != null && batchPartitionIndex < batchPartitions.size()) {
        TopicPartition tp = batchPartitions.get(batchPartitionIndex++);
        partitionRecords = batch.records().records(tp);
        partitionState = partitions.get(tp);
        recordIndex = 0;
      } else if (batch != null) {
        // every record of the batch is out: the consumer's positions are ours now
        batch.positions().forEach((tp, position) -> partitions.get(tp).advanceTo(position));
        batch = null;
        partitionRecords = null;
      } else if (!takeEvent(output)) {
        break;
      }
    }
    if (partitions == null) {
      return InputStatus.NOTHING_AVAILABLE;
    }
    emitWatermarks(output);
    if (config.bounded() && allFinished() && !held()) {
      deadLetters.flush(); // no checkpoint comes after the end: dead letters must be written now
      return InputStatus.END_OF_INPUT;
    }
    // held: nothing to do until the gate opens; the task polls a quiet source again soon and keeps checkpointing
    return !holding && (processed > 0 || batch != null || fetcher.hasEvents())
        ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
  }

  /** Takes the next event of the fetcher; false if there is none. */
  private boolean takeEvent(ReaderOutput<T> output) throws Exception {
    FetchEvent e = fetcher.poll();
    if (e == null) {
      return false;
    }
    if (e instanceof FetchEvent.Records r) {
      batch = r;
      batchPartitions = new ArrayList<>(r.records().partitions());
      batchPartitionIndex = 0;
    } else if (e instanceof FetchEvent.Started s) {
      onStarted(s, output);
    } else if (e instanceof FetchEvent.Failed f) {
      throw new KafkaSourceException(
          "reading Kafka topic " + config.topic() + " failed in subtask " + context.subtaskIndex(), f.cause());
    }
    return true;
  }

  private void onStarted(FetchEvent.Started s, ReaderOutput<T> output) {
    Map<TopicPartition, PartitionState<T>> map = new LinkedHashMap<>();
    WatermarkStrategy<T> strategy = config.watermarks();
    s.start().forEach((tp, start) -> map.put(tp, new PartitionState<>(tp, start,
        s.stop().getOrDefault(tp, PartitionState.NO_STOP),
        strategy == null ? null : strategy.createGenerator(context::currentProcessingTime))));
    partitions = map;
    watermarks.update(map.values(), output);
  }

  /** Deserializes and emits one record; undecodable ones become dead letters. */
  private void emit(PartitionState<T> p, ConsumerRecord<byte[], byte[]> r, ReaderOutput<T> output) {
    metrics.recordsRead.increment();
    T value;
    try {
      value = config.deserializer().deserialize(r);
    } catch (Exception e) {
      deadLetters.send(r, e);
      metrics.recordsDeadLettered.increment();
      return;
    }
    if (value == null) {
      metrics.recordsSkipped.increment();
      return;
    }
    long timestamp = r.timestamp() >= 0 ? r.timestamp() : Long.MIN_VALUE;
    if (assigner != null) {
      timestamp = assigner.extractTimestamp(value, timestamp);
    }
    if (p.generator != null) {
      p.generator.onEvent(value, timestamp, p);
      if (watermarks.idle()) {
        watermarks.update(partitions.values(), output); // active again before the record goes out
      }
    }
    output.collect(value, timestamp);
  }

  private void emitWatermarks(ReaderOutput<T> output) {
    if (config.watermarks() != null) {
      long now = context.currentProcessingTime();
      if (now >= nextPeriodicEmit) {
        nextPeriodicEmit = now + config.watermarkIntervalMillis();
        for (PartitionState<T> p : partitions.values()) {
          p.generator.onPeriodicEmit(p);
        }
      }
    }
    watermarks.update(partitions.values(), output);
  }

  private boolean allFinished() {
    for (PartitionState<T> p : partitions.values()) {
      if (!p.finished()) {
        return false;
      }
    }
    return true;
  }

  private void startFetcher() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a restored offset that retention already deleted: continue at the earliest record still there
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId("source"));
    if (config.groupId() != null) {
      props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    }
    SourceState from = restored; // read by the fetch thread once; never changed after this point
    fetcher = new PartitionFetcher(config.topic(), context.subtaskIndex(), context.parallelism(), props,
        (consumer, assigned) -> position(consumer, assigned, from), config.groupId() != null,
        context::signalAvailable);
    fetcher.start("rivulet-kafka-fetch " + config.topic() + " (" + (context.subtaskIndex() + 1) + "/"
        + context.parallelism() + ")");
  }

  /** Start and stop offsets of the assigned partitions. Runs on the fetch thread. */
  private PartitionFetcher.Positions position(Consumer<byte[], byte[]> consumer, List<TopicPartition> assigned,
      SourceState from) {
    Map<TopicPartition, Long> start = new HashMap<>();
    Map<TopicPartition, Long> stop = new HashMap<>();
    List<TopicPartition> fresh = new ArrayList<>();
    List<TopicPartition> noStop = new ArrayList<>();
    for (TopicPartition tp : assigned) {
      Long next = from == null ? null : from.nextOffsets().get(tp.partition());
      if (next != null) {
        start.put(tp, next);
      } else {
        fresh.add(tp); // new since the checkpoint, or no checkpoint at all
      }
      Long end = from == null ? null : from.stopOffsets().get(tp.partition());
      if (end != null) {
        stop.put(tp, end);
      } else {
        noStop.add(tp);
      }
    }
    if (!fresh.isEmpty()) {
      start.putAll(startingOffsets(consumer, fresh));
    }
    if (config.bounded() && !noStop.isEmpty()) {
      stop.putAll(consumer.endOffsets(noStop)); // under read_committed: the last stable offsets
    }
    if (!config.bounded()) {
      stop.clear();
    }
    Map<TopicPartition, Long> ordered = new LinkedHashMap<>(); // partition order, for readable diagnostics
    assigned.forEach(tp -> ordered.put(tp, start.get(tp)));
    return new PartitionFetcher.Positions(ordered, stop);
  }

  private Map<TopicPartition, Long> startingOffsets(Consumer<byte[], byte[]> consumer, List<TopicPartition> tps) {
    StartingOffsets how = config.startingOffsets();
    if (how == StartingOffsets.LATEST) {
      return consumer.endOffsets(tps);
    }
    Map<TopicPartition, Long> result = new HashMap<>(consumer.beginningOffsets(tps));
    if (how == StartingOffsets.COMMITTED) {
      consumer.committed(new HashSet<>(tps)).forEach((tp, committed) -> {
        if (committed != null) {
          result.put(tp, committed.offset());
        }
      });
    }
    return result;
  }

  @Override
  public byte[] snapshotState(long checkpointId) {
    deadLetters.flush(); // dead letters of records before the barrier are written before it covers them
    if (partitions == null) {
      return restored == null ? null : restored.toBytes(); // not positioned yet: nothing emitted since then
    }
    Map<Integer, Long> next = new TreeMap<>();
    Map<Integer, Long> stop = new TreeMap<>();
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    for (PartitionState<T> p : partitions.values()) {
      next.put(p.partition.partition(), p.nextOffset);
      if (p.stopOffset != PartitionState.NO_STOP) {
        stop.put(p.partition.partition(), p.stopOffset);
      }
      commit.put(p.partition, new OffsetAndMetadata(p.nextOffset));
    }
    if (config.groupId() != null) {
      offsetsToCommit.put(checkpointId, commit);
    }
    return new SourceState(config.topic(), next, stop).toBytes();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    Map.Entry<Long, Map<TopicPartition, OffsetAndMetadata>> latest = offsetsToCommit.floorEntry(checkpointId);
    if (latest != null && fetcher != null) {
      fetcher.requestCommit(latest.getValue());
    }
    offsetsToCommit.headMap(checkpointId, true).clear();
  }

  @Override
  public void close() throws Exception {
    try {
      if (fetcher != null) {
        fetcher.close();
      }
    } finally {
      deadLetters.close();
    }
  }

  /** The partitions this subtask reads and the next offset of each (for tests and diagnostics; task thread). */
  public Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> m = new LinkedHashMap<>();
    if (partitions != null) {
      partitions.values().forEach(p -> m.put(p.partition, p.nextOffset));
    }
    return m;
  }
}
