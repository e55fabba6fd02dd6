package io.rivulet.controlplane.jobs.cluster;

import io.rivulet.api.graph.JobGraph;
import io.rivulet.controlplane.jobs.CheckpointStats;
import io.rivulet.controlplane.jobs.ClusterOverview;
import io.rivulet.controlplane.jobs.JobDetails;
import io.rivulet.controlplane.jobs.JobExceptions;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.TaskManagerInfo;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import java.util.List;

/** The cluster job service together with the servers it needs, closed as one. */
public final class ClusterHandle implements JobService, AutoCloseable {
  private final ClusterJobService service;
  private final RuntimeRegistry runtimes;
  private final long monitorPeriodMillis;
  private final Runnable closeInfrastructure;

  /**
   * @param runtimes the registry the service schedules on (health: registered runtimes, liveness of its monitor)
   * @param monitorPeriodMillis how often the registry's monitor checks heartbeats
   */
  public ClusterHandle(ClusterJobService service, RuntimeRegistry runtimes, long monitorPeriodMillis,
      Runnable closeInfrastructure) {
    this.service = service;
    this.runtimes = runtimes;
    this.monitorPeriodMillis = monitorPeriodMillis;
    this.closeInfrastructure = closeInfrastructure;
  }

  public RuntimeRegistry runtimes() {
    return runtimes;
  }

  public long monitorPeriodMillis() {
    return monitorPeriodMillis;
  }

  @Override
  public String submit(JobSubmission submission) {
    return service.submit(submission);
  }

  @Override
  public List<JobSummary> jobs() {
    return service.jobs();
  }

  @Override
  public JobDetails job(String jobId) {
    return service.job(jobId);
  }

  @Override
  public JobGraph graph(String jobId) {
    return service.graph(jobId);
  }

  @Override
  public void cancel(String jobId) {
    service.cancel(jobId);
  }

  @Override
  public JobExceptions exceptions(String jobId) {
    return service.exceptions(jobId);
  }

  @Override
  public CheckpointStats checkpoints(String jobId) {
    return service.checkpoints(jobId);
  }

  @Override
  public java.util.concurrent.CompletableFuture<io.rivulet.runtime.checkpoint.CompletedCheckpoint> triggerSavepoint(
      String jobId, java.nio.file.Path target, boolean stop) {
    return service.triggerSavepoint(jobId, target, stop);
  }

  @Override
  public ClusterOverview overview() {
    return service.overview();
  }

  @Override
  public List<TaskManagerInfo> taskManagers() {
    return service.taskManagers();
  }

  @Override
  public boolean isReady() {
    return service.isReady();
  }

  @Override
  public void close() {
    service.close();
    closeInfrastructure.run();
  }
}
