package io.rivulet.runtime.execution;

import io.rivulet.api.JobConfig;
import io.rivulet.api.Partitioning;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.runtime.network.LocalChannel;
import io.rivulet.runtime.tasks.StreamTask;
import java.util.List;

/** Connects the subtasks of two vertices of one JVM with local channels, as the edge's partitioning needs. */
final class ChannelWiring {
  private ChannelWiring() {}

  static void wire(JobEdge edge, List<StreamTask> producers, List<StreamTask> consumers, JobConfig config) {
    Partitioning p = edge.partitioning();
    for (int i = 0; i < producers.size(); i++) {
      if (p == Partitioning.FORWARD) {
        connect(edge, producers.get(i), 0, consumers.get(i), config);
      } else if (p == Partitioning.GLOBAL) {
        connect(edge, producers.get(i), 0, consumers.get(0), config);
      } else {
        for (int j = 0; j < consumers.size(); j++) {
          connect(edge, producers.get(i), j, consumers.get(j), config);
        }
      }
    }
  }

  private static void connect(JobEdge edge, StreamTask producer, int index, StreamTask consumer, JobConfig config) {
    LocalChannel channel = consumer.inputGate(edge.targetInput()).addLocalChannel(producer.waker(),
        config.exclusiveBuffersPerChannel(), config.recordsPerLocalBuffer());
    producer.setOutputChannel(edge, index, channel);
  }
}
