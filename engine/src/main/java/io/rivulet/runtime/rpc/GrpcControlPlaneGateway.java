package io.rivulet.runtime.rpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.proto.control.ControlPlaneGrpc;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.runtime.tracing.Tracing;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The control plane as a task runtime process reaches it: gRPC with a deadline on every call. */
public final class GrpcControlPlaneGateway implements ControlPlaneGateway {
  private final String peer;
  private final ManagedChannel channel;
  private final ControlPlaneGrpc.ControlPlaneStub stub;
  private final Duration deadline;

  /**
   * @param address host:port of the control plane's gRPC service
   * @param tracing carries the current trace context, if any, to the control plane
   */
  public GrpcControlPlaneGateway(String address, Tracing tracing, Duration deadline) {
    this.peer = "control plane at " + address;
    this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().maxInboundMessageSize(16 * 1024 * 1024)
        .intercept(tracing.clientInterceptor()).build();
    this.stub = ControlPlaneGrpc.newStub(channel);
    this.deadline = deadline;
  }

  private ControlPlaneGrpc.ControlPlaneStub stub() {
    return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<RegisterResponse> register(RegisterRequest request) {
    CompletableFuture<RegisterResponse> f = new CompletableFuture<>();
    stub().register(request, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<HeartbeatResponse> heartbeat(HeartbeatRequest request) {
    CompletableFuture<HeartbeatResponse> f = new CompletableFuture<>();
    stub().heartbeat(request, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> reportTaskState(TaskStateReport report) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().reportTaskState(report, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> acknowledgeCheckpoint(CheckpointAck ack) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().acknowledgeCheckpoint(ack, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> declineCheckpoint(CheckpointDecline decline) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().declineCheckpoint(decline, Calls.into(f, peer));
    return f;
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
