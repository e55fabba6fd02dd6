package io.rivulet.runtime.cluster;

import io.grpc.stub.StreamObserver;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.ControlPlaneGrpc;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskStateReport;
import java.util.function.Function;

/** The control plane's gRPC service for task runtimes: routes to the registry and to job masters. */
public final class ControlPlaneEndpoint extends ControlPlaneGrpc.ControlPlaneImplBase {
  private final RuntimeRegistry runtimes;
  private final Function<String, JobMaster> jobs;
  private final long heartbeatIntervalMillis;

  /** @param jobs finds the master of a job id, or null */
  public ControlPlaneEndpoint(RuntimeRegistry runtimes, Function<String, JobMaster> jobs, long heartbeatIntervalMillis) {
    this.runtimes = runtimes;
    this.jobs = jobs;
    this.heartbeatIntervalMillis = heartbeatIntervalMillis;
  }

  @Override
  public void register(RegisterRequest r, StreamObserver<RegisterResponse> out) {
    if (r.getRuntimeId().isBlank() || r.getSlots() < 1 || r.getControlPort() <= 0 || r.getDataPort() <= 0) {
      out.onNext(RegisterResponse.newBuilder().setAccepted(false)
          .setMessage("a runtime needs an id, at least one slot, and its control and data ports").build());
    } else {
      runtimes.register(new RuntimeInfo(r.getRuntimeId(), r.getHost(), r.getControlPort(), r.getDataPort(),
          r.getSlots(), r.getHttpUrl()));
      out.onNext(RegisterResponse.newBuilder().setAccepted(true).setHeartbeatIntervalMs(heartbeatIntervalMillis).build());
    }
    out.onCompleted();
  }

  @Override
  public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> out) {
    boolean known = runtimes.heartbeat(r.getRuntimeId(), r.getTasksList());
    if (known) {
      r.getTasksList().stream().map(t -> t.getJobId()).distinct().forEach(id -> {
        JobMaster m = jobs.apply(id);
        if (m != null) {
          m.onSummaries(r.getTasksList());
        }
      });
    }
    out.onNext(HeartbeatResponse.newBuilder().setKnown(known).build());
    out.onCompleted();
  }

  @Override
  public void reportTaskState(TaskStateReport r, StreamObserver<Ack> out) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.onTaskState(r.getAttempt(), r.getVertexId(), r.getSubtask(), r.getState(), r.getFailure());
    }
    ack(out, m != null, "unknown job " + r.getJobId());
  }

  @Override
  public void acknowledgeCheckpoint(CheckpointAck r, StreamObserver<Ack> out) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.acknowledge(r.getAttempt(), r.getVertexId(), r.getSubtask(), r.getCheckpointId(), r.getState().toByteArray());
    }
    ack(out, m != null, "unknown job " + r.getJobId());
  }

  @Override
  public void declineCheckpoint(CheckpointDecline r, StreamObserver<Ack> out) {
    JobMaster m = jobs.apply(r.getJobId());
    if (m != null) {
      m.decline(r.getAttempt(), r.getVertexId(), r.getSubtask(), r.getCheckpointId(), r.getReason());
    }
    ack(out, m != null, "unknown job " + r.getJobId());
  }

  private static void ack(StreamObserver<Ack> out, boolean ok, String message) {
    out.onNext(Ack.newBuilder().setOk(ok).setMessage(ok ? "" : message).build());
    out.onCompleted();
  }
}
