package io.rivulet.runtime.rpc;

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

/** Serves the ControlPlane RPCs over gRPC by handing each request to the control plane's own gateway. */
public final class ControlPlaneGrpcService extends ControlPlaneGrpc.ControlPlaneImplBase {
  private final ControlPlaneGateway target;

  public ControlPlaneGrpcService(ControlPlaneGateway target) {
    this.target = target;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> out) {
    Calls.answer(out, () -> target.register(request));
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
    Calls.answer(out, () -> target.heartbeat(request));
  }

  @Override
  public void reportTaskState(TaskStateReport request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.reportTaskState(request));
  }

  @Override
  public void acknowledgeCheckpoint(CheckpointAck request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.acknowledgeCheckpoint(request));
  }

  @Override
  public void declineCheckpoint(CheckpointDecline request, StreamObserver<Ack> out) {
    Calls.answer(out, () -> target.declineCheckpoint(request));
  }
}
