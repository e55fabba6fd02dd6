package io.rivulet.kafka.impl;

import java.util.Map;
import java.util.TreeMap;

/**
 * The transactional producers of one exactly-once sink subtask, with ids {@code <prefix>-<subtask>-<index>}. A
 * producer is taken for a transaction and given back when the transaction committed; the lowest free index is
 * taken first, so a subtask keeps using the same few ids. Task thread only.
 */
final class ProducerPool implements AutoCloseable {
  private final Map<String, Object> producerProperties;
  private final String idPrefix;
  private final TreeMap<Integer, TransactionalProducer> all = new TreeMap<>();
  private final TreeMap<Integer, TransactionalProducer> free = new TreeMap<>();

  ProducerPool(Map<String, Object> producerProperties, String transactionalIdPrefix, int subtask) {
    this.producerProperties = producerProperties;
    this.idPrefix = transactionalIdPrefix + "-" + subtask + "-";
  }

  String transactionalId(int index) {
    return idPrefix + index;
  }

  /** The index of one of this subtask's transactional ids, or -1 for an id of someone else. */
  int indexOf(String transactionalId) {
    if (!transactionalId.startsWith(idPrefix)) {
      return -1;
    }
    String rest = transactionalId.substring(idPrefix.length());
    if (rest.isEmpty() || rest.length() > 9 || !rest.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(rest);
  }

  /** Creates (and thereby fences) the producer with this index if it does not exist yet, and keeps it free. */
  void fence(int index) {
    if (!all.containsKey(index)) {
      TransactionalProducer p = TransactionalProducer.create(producerProperties, index, transactionalId(index));
      all.put(index, p);
      free.put(index, p);
    }
  }

  /** A free producer: the lowest free index, or a new one after the highest. */
  TransactionalProducer acquire() {
    Map.Entry<Integer, TransactionalProducer> e = free.pollFirstEntry();
    if (e != null) {
      return e.getValue();
    }
    int index = 0;
    while (all.containsKey(index)) {
      index++;
    }
    TransactionalProducer p = TransactionalProducer.create(producerProperties, index, transactionalId(index));
    all.put(index, p);
    return p;
  }

  void release(TransactionalProducer p) {
    free.put(p.index, p);
  }

  /** Aborts open transactions (best effort) and closes every producer. */
  @Override
  public void close() {
    for (TransactionalProducer p : all.values()) {
      p.abortQuietly();
    }
    for (TransactionalProducer p : all.values()) {
      try {
        p.close();
      } catch (RuntimeException e) {
        // closing is best effort
      }
    }
    all.clear();
    free.clear();
  }
}
