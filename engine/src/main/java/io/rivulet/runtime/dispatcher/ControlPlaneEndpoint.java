package io.rivulet.runtime.dispatcher;

import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.jobmaster.JobMaster;
import io.rivulet.runtime.rpc.ControlPlaneGateway;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The control plane as task runtimes see it: routes registrations and heartbeats to the {@link RuntimeRegistry} and
 * reports to the job master of their job. It is the control plane's side of {@link ControlPlaneGateway}: a runtime
 * in the same JVM calls it directly, one in another process through
 * {@link io.rivulet.runtime.rpc.ControlPlaneGrpcService}. Nothing here waits: the registry and the job masters take
 * each message on their own threads.
 */
public final class ControlPlaneEndpoint implements ControlPlaneGateway {
  private final RuntimeRegistry runtimes;
  private final Function<String, JobMaster> jobs;
  private final long heartbeatIntervalMillis;

  /** @param jobs finds the master of a job id, or null */
  public ControlPlaneEndpoint(RuntimeRegistry runtimes, Function<String, JobMaster> jobs,
      long heartbeatIntervalMillis) {
    this.runtimes = runtimes;
    this.jobs = jobs;
    this.heartbeatIntervalMillis = heartbeatIntervalMillis;
  }

  @Override
  public CompletableFuture<RegisterResponse> register(RegisterRequest r) {
    if (r.getRuntimeId().isBlank() || r.getSlots() < 1) {
      return CompletableFuture.completedFuture(refused("a runtime needs an id and at least one slot"));
    }
    RuntimeInfo info = new RuntimeInfo(r.getRuntimeId(), r.getHost(), r.getControlPort(), r.getDataPort(),
        r.getSlots(), r.getHttpUrl());
    return runtimes.register(info).handle((ok, error) -> error == null
        ? RegisterResponse.newBuilder().setAccepted(true).setHeartbeatIntervalMs(heartbeatIntervalMillis).build()
        : refused(String.valueOf(unwrap(error).getMessage())));
  }

  private static RegisterResponse refused(String message) {
    return RegisterResponse.newBuilder().setAccepted(false).setMessage(message).build();
  }

  @Override
  public CompletableFuture<HeartbeatResponse> heartbeat(HeartbeatRequest r) {
    List<TaskSummary> tasks = r.getTasksList();
    return runtimes.heartbeat(r.getRuntimeId(), tasks).thenApply(known -> {
      if (known) {
        Map<String, List<TaskSummary>> byJob = new LinkedHashMap<>();
        for (TaskSummary t : tasks) {
          byJob.computeIfAbsent(t.getJobId(), id -> new ArrayList<>()).add(t);
        }
        byJob.forEach((jobId, list) -> {
          JobMaster m = jobs.apply(jobId);
          if (m != null) {
            m.onSummaries(list);
          }
        });
      }
      return HeartbeatResponse.newBuilder().setKnown(known).build();
    });
  }

  @Override
  public CompletableFuture<Ack> reportTaskState(TaskStateReport r) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.onTaskState(r);
    }
    return ack(m, r.getJobId());
  }

  @Override
  public CompletableFuture<Ack> acknowledgeCheckpoint(CheckpointAck r) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.acknowledge(r);
    }
    return ack(m, r.getJobId());
  }

  @Override
  public CompletableFuture<Ack> declineCheckpoint(CheckpointDecline r) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.decline(r);
    }
    return ack(m, r.getJobId());
  }

  /** The endpoint lives as long as the control plane; there is nothing to close. */
  @Override
  public void close() {}

  private static CompletableFuture<Ack> ack(JobMaster m, String jobId) {
    return CompletableFuture.completedFuture(m != null ? Ack.newBuilder().setOk(true).build()
        : Ack.newBuilder().setOk(false).setMessage("unknown job " + jobId).build());
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
