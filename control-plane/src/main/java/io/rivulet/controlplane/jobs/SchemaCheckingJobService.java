package io.rivulet.controlplane.jobs;

import io.rivulet.controlplane.ApiException;
import io.rivulet.registry.IncompatibleSchemaException;
import io.rivulet.registry.SchemaRegistration;
import java.io.IOException;
import java.util.List;

/**
 * Registers the schemas a job writes (its Avro DURABLE edges, the sinks that declare schemas) with the schema
 * registry before the job is handed to the job service, and refuses the job when a subject's compatibility rule
 * refuses a schema: 400 with the message naming the field and the rule. A registry that cannot be reached refuses
 * the job too (503), since running it would write data the registry does not know. Everything else is delegated.
 */
public final class SchemaCheckingJobService implements JobService, AutoCloseable {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SchemaCheckingJobService.class);

  private final JobService delegate;
  private final SchemaRegistration registration;

  @Override
  public JobService unwrap() {
    return delegate.unwrap();
  }

  public SchemaCheckingJobService(JobService delegate, SchemaRegistration registration) {
    this.delegate = delegate;
    this.registration = registration;
  }

  @Override
  public String submit(JobSubmission submission) {
    try {
      var versions = registration.registerAll(submission.graph());
      if (!versions.isEmpty()) {
        LOG.infof("job '%s' writes schemas %s", submission.graph().jobName(), versions);
      }
    } catch (IncompatibleSchemaException e) {
      closeQuietly(submission);
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException | RuntimeException e) {
      closeQuietly(submission);
      throw new ApiException(503, "job '" + submission.graph().jobName() + "' writes registry schemas, but"
          + " registering them failed: " + e.getMessage());
    }
    return delegate.submit(submission);
  }

  private static void closeQuietly(JobSubmission submission) {
    try {
      submission.userCode().close();
    } catch (Exception ignored) {
      // refusing the job is what matters
    }
  }

  @Override
  public List<JobSummary> jobs() {
    return delegate.jobs();
  }

  @Override
  public JobDetails job(String jobId) {
    return delegate.job(jobId);
  }

  @Override
  public io.rivulet.api.graph.JobGraph graph(String jobId) {
    return delegate.graph(jobId);
  }

  @Override
  public void cancel(String jobId) {
    delegate.cancel(jobId);
  }

  @Override
  public JobExceptions exceptions(String jobId) {
    return delegate.exceptions(jobId);
  }

  @Override
  public CheckpointStats checkpoints(String jobId) {
    return delegate.checkpoints(jobId);
  }

  @Override
  public java.util.concurrent.CompletableFuture<io.rivulet.runtime.checkpoint.CompletedCheckpoint> triggerSavepoint(
      String jobId, java.nio.file.Path target, boolean stop) {
    return delegate.triggerSavepoint(jobId, target, stop);
  }

  @Override
  public ClusterOverview overview() {
    return delegate.overview();
  }

  @Override
  public List<TaskManagerInfo> taskManagers() {
    return delegate.taskManagers();
  }

  @Override
  public boolean isReady() {
    return delegate.isReady();
  }

  /** The wrapped service (the cluster's gRPC endpoint needs the concrete one). */
  public JobService delegate() {
    return delegate;
  }

  @Override
  public void close() throws Exception {
    if (delegate instanceof AutoCloseable c) {
      c.close();
    }
  }
}
