package io.rivulet.runtime.rpc;

import io.grpc.stub.StreamObserver;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskRuntimeGrpc;

/** Serves the TaskRuntime RPCs over gRPC by handing each request to the runtime's own gateway. */
public final class TaskRuntimeGrpcService extends TaskRuntimeGrpc.TaskRuntimeImplBase {
  private final TaskRuntimeGateway target;

  public TaskRuntimeGrpcService(TaskRuntimeGateway target) {
    this.target = target;
  }

  @Override
  public void deploy(DeployRequest request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.deploy(request));
  }

  @Override
  public void cancelJob(JobRef request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.cancel(request));
  }

  @Override
  public void triggerCheckpoint(CheckpointTrigger request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.triggerCheckpoint(request));
  }

  @Override
  public void notifyCheckpoint(CheckpointNotification request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.notifyCheckpoint(request));
  }

  @Override
  public void notifyJobFinished(JobRef request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.notifyJobFinished(request));
  }
}
