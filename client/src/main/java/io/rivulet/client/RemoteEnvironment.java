package io.rivulet.client;

import io.rivulet.api.JobExecutionException;
import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.JobExecutor;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.graph.JobGraph;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An environment whose {@code execute()} submits the job to a running cluster: the JAR holding the job's classes
 * is uploaded (once), the job graph built here is posted with it, and {@code execute} waits until the job ends.
 *
 * <pre>{@code
 * StreamEnvironment env = RemoteEnvironment.create("http://127.0.0.1:8080", Path.of("target/my-job.jar"));
 * }</pre>
 */
public final class RemoteEnvironment {
  private RemoteEnvironment() {}

  public static StreamEnvironment create(String controlPlaneUrl, Path jobJar) {
    return StreamEnvironment.create(new RemoteExecutor(new RivuletClient(controlPlaneUrl), jobJar, true));
  }

  /** Like {@link #create}, but {@code execute()} returns as soon as the job is submitted. */
  public static StreamEnvironment detached(String controlPlaneUrl, Path jobJar) {
    return StreamEnvironment.create(new RemoteExecutor(new RivuletClient(controlPlaneUrl), jobJar, false));
  }

  /** Submits to the cluster and, when attached, polls the job until it ends. */
  static final class RemoteExecutor implements JobExecutor {
    private final RivuletClient client;
    private final Path jar;
    private final boolean attached;
    private String jarId;

    RemoteExecutor(RivuletClient client, Path jar, boolean attached) {
      this.client = client;
      this.jar = jar;
      this.attached = attached;
    }

    @Override
    public JobExecutionResult execute(JobGraph job) throws Exception {
      if (jarId == null) {
        jarId = client.uploadJar(jar);
      }
      long start = System.currentTimeMillis();
      String jobId = client.submitGraph(jarId, job);
      if (!attached) {
        return new JobExecutionResult(jobId, job.jobName(), 0, 0, 0);
      }
      String state;
      while (true) {
        state = client.jobState(jobId);
        if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
          break;
        }
        Thread.sleep(Duration.ofMillis(200).toMillis());
      }
      if (!state.equals("FINISHED")) {
        throw new JobExecutionException(jobId, "job '" + job.jobName() + "' (" + jobId + ") ended " + state
            + ": see " + client.base() + "v1/jobs/" + jobId + "/exceptions", null);
      }
      return new JobExecutionResult(jobId, job.jobName(), System.currentTimeMillis() - start, 0, 0);
    }
  }
}
