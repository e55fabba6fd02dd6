package io.rivulet.kafka.exchange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates and deletes the topics of DURABLE edges. Creation is idempotent and may race between task runtimes
 * deploying the same attempt: a topic that exists already is accepted if it has the expected partition count.
 */
public final class DurableTopics {
  private static final long TIMEOUT_SECONDS = 60;

  private DurableTopics() {}

  /** Creates the edges' topics that do not exist yet, and checks the partition count of those that do. */
  public static void ensure(DurableSettings settings, Collection<DurableEdge> edges) {
    if (edges.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(settings.admin())) {
      List<NewTopic> topics = new ArrayList<>();
      for (DurableEdge e : edges) {
        topics.add(new NewTopic(e.topic(), e.partitions(), settings.replicationFactor()).configs(settings.topic()));
      }
      var result = admin.createTopics(topics);
      for (var entry : result.values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("creating Kafka topic " + entry.getKey() + " failed: " + ex.getCause(),
                ex.getCause());
          }
        }
      }
      Map<String, TopicDescription> described = describe(admin, edges.stream().map(DurableEdge::topic).toList());
      for (DurableEdge e : edges) {
        int actual = described.get(e.topic()).partitions().size();
        if (actual != e.partitions()) {
          throw new IllegalStateException("Kafka topic " + e.topic() + " of the DURABLE edge " + e.edgeId() + " has "
              + actual + " partitions, the job needs " + e.partitions() + " (" + e.consumers() + " consumers × "
              + e.partitionsPerConsumer() + "); delete the topic or give the job another name");
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating durable exchange topics", ex);
    } catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
      throw new IllegalStateException("creating durable exchange topics on " + settings.bootstrapServers()
          + " failed: " + ex, ex);
    }
  }

  /** Describes new topics, waiting (bounded) until the broker's metadata knows them. */
  private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (true) {
      try {
        return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException ex) {
        if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw ex;
        }
        Thread.sleep(50); // created, but not in the metadata yet
      }
    }
  }

  /** Deletes the topics (when a job has ended for good); missing ones are fine. */
  public static void delete(DurableSettings settings, Collection<String> topics) {
    if (topics.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(settings.admin())) {
      for (var f : admin.deleteTopics(topics).topicNameValues().values()) {
        try {
          f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw new IllegalStateException("deleting a durable exchange topic failed: " + ex.getCause(), ex);
          }
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.TimeoutException ex) {
      throw new IllegalStateException("deleting durable exchange topics timed out", ex);
    }
  }
}
