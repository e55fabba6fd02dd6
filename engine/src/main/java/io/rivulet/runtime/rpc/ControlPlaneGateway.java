package io.rivulet.runtime.rpc;

import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskStateReport;
import java.util.concurrent.CompletableFuture;

/**
 * How a task runtime reaches the control plane: gRPC from a runtime process ({@link GrpcControlPlaneGateway}), or
 * direct calls from a runtime in the control plane's JVM ({@link InProcessControlPlaneGateway}). Calls return at
 * once; a future fails when the control plane cannot be reached or does not answer in time.
 */
public interface ControlPlaneGateway extends AutoCloseable {
  CompletableFuture<RegisterResponse> register(RegisterRequest request);

  CompletableFuture<HeartbeatResponse> heartbeat(HeartbeatRequest request);

  CompletableFuture<Ack> reportTaskState(TaskStateReport report);

  CompletableFuture<Ack> acknowledgeCheckpoint(CheckpointAck ack);

  CompletableFuture<Ack> declineCheckpoint(CheckpointDecline decline);

  @Override
  void close();
}
