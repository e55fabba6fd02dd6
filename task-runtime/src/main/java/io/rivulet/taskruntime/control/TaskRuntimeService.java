package io.rivulet.taskruntime.control;

import io.grpc.stub.StreamObserver;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskRuntimeGrpc;
import io.rivulet.taskruntime.deploy.Deployments;
import java.util.function.Supplier;

/** The gRPC adapter of the TaskRuntime service: moves requests to {@link Deployments} and answers. */
public final class TaskRuntimeService extends TaskRuntimeGrpc.TaskRuntimeImplBase {
  private static final System.Logger LOG = System.getLogger(TaskRuntimeService.class.getName());
  private final Deployments deployments;

  public TaskRuntimeService(Deployments deployments) {
    this.deployments = deployments;
  }

  @Override
  public void deploy(DeployRequest request, StreamObserver<Ack> out) {
    answer(out, () -> deployments.deploy(request));
  }

  @Override
  public void cancelJob(JobRef request, StreamObserver<Ack> out) {
    answer(out, () -> deployments.cancel(request));
  }

  @Override
  public void triggerCheckpoint(CheckpointTrigger request, StreamObserver<Ack> out) {
    answer(out, () -> deployments.triggerCheckpoint(request));
  }

  @Override
  public void notifyCheckpoint(CheckpointNotification request, StreamObserver<Ack> out) {
    answer(out, () -> deployments.notifyCheckpoint(request));
  }

  @Override
  public void notifyJobFinished(JobRef request, StreamObserver<Ack> out) {
    answer(out, () -> deployments.notifyJobFinished(request));
  }

  /** Every request gets an Ack; a bug surfaces as a refused Ack with its message, not as a broken call. */
  private static void answer(StreamObserver<Ack> out, Supplier<Ack> call) {
    Ack ack;
    try {
      ack = call.get();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "control request failed", e);
      ack = Ack.newBuilder().setOk(false).setMessage(e.toString()).build();
    }
    out.onNext(ack);
    out.onCompleted();
  }
}
