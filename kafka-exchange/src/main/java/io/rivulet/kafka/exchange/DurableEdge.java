package io.rivulet.kafka.exchange;

import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.runtime.state.KeyGroups;
import java.util.Locale;

/**
 * The layout of one DURABLE edge: its topic, and which producer subtask writes to which partitions.
 *
 * <p>The topic has {@code consumers × partitionsPerConsumer} partitions; consumer subtask {@code j} owns the
 * contiguous partitions {@code [j·m, (j+1)·m)}. On a HASH edge a record goes to partition
 * {@code keyGroup · partitions / maxParallelism}, the same arithmetic that gives key groups to subtasks, so a
 * partition only holds key groups of the one consumer that owns it ({@code ⌊⌊kg·P·m/max⌋/m⌋ = ⌊kg·P/max⌋}).
 * On other edges producer {@code i} writes its records for consumer {@code j} to one fixed partition of
 * {@code j}'s, so that its records to {@code j} keep their order. Control records go to every partition of every
 * consumer the producer is connected to.
 */
public record DurableEdge(String topic, int edgeId, int producers, int consumers, int partitionsPerConsumer,
    Partitioning partitioning, int maxParallelism) {

  public static DurableEdge of(JobGraph graph, String jobId, JobEdge edge, int partitionsPerConsumer) {
    return new DurableEdge(topicName(graph.jobName(), jobId, edge.id()), edge.id(),
        graph.vertex(edge.sourceVertex()).parallelism(), graph.vertex(edge.targetVertex()).parallelism(),
        partitionsPerConsumer, edge.partitioning(), graph.config().maxParallelism());
  }

  /**
   * {@code <job name>-<first 8 characters of the job id>-e<edge id>}; the name keeps only characters Kafka
   * allows without a collision warning ({@code [a-z0-9-]}), lower-cased, at most 100 of them.
   */
  public static String topicName(String jobName, String jobId, int edgeId) {
    String name = jobName == null ? "job" : jobName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
        .replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    if (name.isEmpty()) {
      name = "job";
    }
    if (name.length() > 100) {
      name = name.substring(0, 100);
    }
    String id = jobId.replaceAll("[^A-Za-z0-9]", "");
    return name + "-" + id.substring(0, Math.min(8, id.length())).toLowerCase(Locale.ROOT) + "-e" + edgeId;
  }

  public int partitions() {
    return consumers * partitionsPerConsumer;
  }

  /** True if producer {@code i} sends to consumer {@code j} (the same pairs as the other exchanges). */
  public boolean connects(int producer, int consumer) {
    return switch (partitioning) {
      case FORWARD -> producer == consumer;
      case GLOBAL -> consumer == 0;
      default -> true;
    };
  }

  /** The producer subtasks consumer {@code j} hears from, ascending. */
  public int[] producersOf(int consumer) {
    return java.util.stream.IntStream.range(0, producers).filter(i -> connects(i, consumer)).toArray();
  }

  /** The partitions consumer {@code j} owns, ascending. */
  public int[] partitionsOf(int consumer) {
    int[] p = new int[partitionsPerConsumer];
    for (int k = 0; k < p.length; k++) {
      p[k] = consumer * partitionsPerConsumer + k;
    }
    return p;
  }

  /** The partition of a record with this key (HASH edges). */
  public int partitionForKey(Object key) {
    return KeyGroups.subtaskForKeyGroup(KeyGroups.keyGroupFor(key, maxParallelism), maxParallelism, partitions());
  }

  /** The partition producer {@code i} writes its records for consumer {@code j} to on non-HASH edges. */
  public int fixedPartition(int producer, int consumer) {
    return consumer * partitionsPerConsumer + producer % partitionsPerConsumer;
  }
}
