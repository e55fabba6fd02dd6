package io.rivulet.runtime.network.durable;

import io.rivulet.api.graph.JobGraph;

/**
 * The DURABLE exchange as a plug-in: the engine knows DURABLE edges only through this interface, so it needs no
 * Kafka client. The implementation ({@code rivulet-kafka-exchange}: a Kafka topic per edge) is found on the class
 * path by {@link java.util.ServiceLoader} ({@link DurableExchanges}), in embedded and cluster runs alike.
 * Implementations are stateless across jobs and safe to call from any thread.
 */
public interface DurableExchangeProvider {

  /**
   * The wiring of the DURABLE edges of one job attempt in this process: {@link
   * io.rivulet.runtime.deploy.ClusterWiring} asks it for the channels of the subtasks deployed here. Called on the
   * deploying thread, before the tasks start.
   */
  DurableWiring wiring(JobGraph graph, String jobId, int attempt);

  /**
   * The job has ended for good (no attempt will run again): remove what its DURABLE edges left behind (their
   * topics), as far as the job's settings allow. Called once, by the job master's I/O executor; it may block.
   * Failures are the caller's to log: a job's end does not depend on its clean-up.
   */
  void jobEnded(JobGraph graph, String jobId);
}
