package io.rivulet.kafka.impl;

import io.rivulet.api.connector.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One subtask of an exactly-once Kafka sink: a transaction per checkpoint, pre-committed at the barrier,
 * committed when the checkpoint completes, recovered after a failure by {@link TransactionRecovery} (the
 * protocol is described on {@code KafkaSink}). Task thread only.
 */
public final class ExactlyOnceWriter<T> implements SinkWriter<T> {
  private final SinkConfig<T> config;
  private final int subtask;
  private final ProducerPool pool;
  private final ConsumerGroupMetadata markerGroup;
  private final TopicPartition markerPartition;
  /** The transaction records are written into now; null until the first record after a barrier. */
  private TransactionalProducer current;
  /** Pre-committed transactions by checkpoint id, waiting for their checkpoint to complete. */
  private final TreeMap<Long, Pending> pending = new TreeMap<>();
  private boolean initialized;

  /** A pre-committed transaction and the producer that will commit it. */
  private record Pending(PendingTransaction transaction, TransactionalProducer producer) {}

  public ExactlyOnceWriter(SinkConfig<T> config, int subtask) {
    this.config = config;
    this.subtask = subtask;
    this.pool = new ProducerPool(ClientProperties.producer(config), config.transactionalIdPrefix(), subtask);
    this.markerGroup = new ConsumerGroupMetadata(config.transactionalIdPrefix() + "-" + subtask + "-commits");
    this.markerPartition = new TopicPartition(config.topic(), 0);
  }

  @Override
  public void write(T value, long timestamp) throws Exception {
    initialize(null);
    if (current == null) {
      current = pool.acquire();
      current.begin();
    }
    current.send(config.serializer().serialize(value, timestamp, config.topic()));
  }

  /** Phase one for the records since the last barrier; the state names every transaction not yet committed. */
  @Override
  public byte[] snapshotState(long checkpointId) {
    initialize(null);
    if (current != null) {
      PendingTransaction t = current.preCommit(checkpointId, markerGroup, markerPartition);
      pending.put(checkpointId, new Pending(t, current));
      current = null;
    }
    List<PendingTransaction> named = new ArrayList<>();
    pending.values().forEach(p -> named.add(p.transaction()));
    return SinkState.encode(named);
  }

  /** Phase two: commits the transactions of this checkpoint and of earlier ones still waiting, in order. */
  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    var done = pending.headMap(checkpointId, true);
    for (Pending p : done.values()) {
      p.producer().commit();
      pool.release(p.producer());
    }
    done.clear();
  }

  /**
   * Nothing to undo: the aborted checkpoint's records were written before its barrier and are not read again,
   * so its transaction stays pending and commits with the next checkpoint that completes.
   */
  @Override
  public void notifyCheckpointAborted(long checkpointId) {}

  /** Pre-commits the tail; it commits on {@code notifyCheckpointComplete(END_OF_INPUT)}. */
  @Override
  public void finish() {
    snapshotState(END_OF_INPUT);
  }

  @Override
  public void restoreState(byte[] state) {
    initialize(SinkState.decode(state));
  }

  /**
   * Once, before anything else: fences every transactional id of this subtask that Kafka knows (aborting what
   * an earlier attempt left open), then finishes the restored pending transactions that did not commit.
   */
  private void initialize(List<PendingTransaction> restored) {
    if (initialized) {
      return;
    }
    initialized = true;
    try (Admin admin = Admin.create(ClientProperties.common(config))) {
      for (int index : TransactionRecovery.knownIndexes(admin, pool)) {
        pool.fence(index);
      }
      if (restored == null || restored.isEmpty()) {
        return;
      }
      String committed = TransactionRecovery.committedToken(admin, markerGroup.groupId(), markerPartition);
      int last = -1; // transactions up to this one committed (they commit in order)
      for (int i = 0; i < restored.size(); i++) {
        if (restored.get(i).token().equals(committed)) {
          last = i;
        }
      }
      Map<String, Object> consumer = ClientProperties.replayConsumer(config);
      for (PendingTransaction t : restored.subList(last + 1, restored.size())) {
        replay(t, consumer);
      }
    }
  }

  /** Copies an uncommitted transaction of the restored checkpoint into a new one and commits it. */
  private void replay(PendingTransaction t, Map<String, Object> consumerProperties) {
    TransactionalProducer p = pool.acquire();
    p.begin(t.token());
    TransactionRecovery.copy(t, p, consumerProperties);
    p.preCommit(t.checkpointId(), markerGroup, markerPartition);
    p.commit();
    pool.release(p);
  }

  /** Aborts what is open (a restored attempt would fence it anyway) and closes the producers. */
  @Override
  public void close() {
    current = null;
    pending.clear();
    pool.close();
  }

  @Override
  public String toString() {
    return "ExactlyOnceWriter(" + config.topic() + ", subtask " + subtask + ", pending " + pending.keySet() + ")";
  }
}
