package io.rivulet.controlplane.jobs;

import io.rivulet.api.graph.JobGraph;
import java.util.List;

/**
 * Between the REST API and whatever runs jobs. The embedded implementation runs them inside the control plane
 * ({@code rivulet.execution=embedded}); a cluster implementation schedules them onto task runtimes
 * ({@code rivulet.execution=cluster}). Both persist what they know about jobs, so the list survives restarts.
 *
 * <p>Problems with a request are thrown as {@link io.rivulet.controlplane.ApiException} (unknown job: 404,
 * a job that cannot be cancelled any more: 409). Implementations are thread-safe.
 */
public interface JobService {

  /**
   * The service that runs the jobs, under any decorators (schema registration): health checks ask it which
   * mode it is and how its parts are.
   */
  default JobService unwrap() {
    return this;
  }

  /** Takes ownership of the submission (and closes its user code when the job ends); returns the job id. */
  String submit(JobSubmission submission);

  /** All known jobs, oldest submission first, including ended jobs from before a restart. */
  List<JobSummary> jobs();

  JobDetails job(String jobId);

  /**
   * The graph the job runs (vertices and the edges between them), for drawing its plan; null when it is no longer
   * known, e.g. for a job that ended before the control plane restarted (only its vertices were kept). No default:
   * a decorator that did not forward it drew plans without edges.
   */
  JobGraph graph(String jobId);

  /** Asks the job to cancel and returns without waiting for it. */
  void cancel(String jobId);

  JobExceptions exceptions(String jobId);

  CheckpointStats checkpoints(String jobId);

  /**
   * Takes a savepoint of a running job into a new directory under {@code target} (which must exist and be
   * writable). With {@code stop}, no periodic checkpoint is taken after it and the job is cancelled once the savepoint
   * completed (it ends CANCELED); if the savepoint fails, the job goes on. The future completes with the savepoint,
   * or exceptionally with why it failed. Throws 404 for an unknown job, 409 for a job that is not running (or whose
   * tasks are not all running yet, or that already takes a savepoint).
   */
  java.util.concurrent.CompletableFuture<io.rivulet.runtime.checkpoint.CompletedCheckpoint> triggerSavepoint(
      String jobId, java.nio.file.Path target, boolean stop);

  ClusterOverview overview();

  List<TaskManagerInfo> taskManagers();

  /** False until the job store has been loaded (and, in a cluster, reconciled); drives readiness. */
  boolean isReady();
}
