package io.rivulet.taskruntime.control;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.ControlPlaneGrpc;
import io.rivulet.proto.control.HeartbeatRequest;
import io.rivulet.proto.control.HeartbeatResponse;
import io.rivulet.proto.control.RegisterRequest;
import io.rivulet.proto.control.RegisterResponse;
import io.rivulet.runtime.tracing.Tracing;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * This runtime's connection to the control plane. Registration and heartbeats are blocking calls made by the
 * registration thread; reports (task states, checkpoint answers) are queued and sent in order by
 * {@link OrderedReports}, so that task and I/O threads never wait for the network.
 */
public final class ControlPlaneClient implements AutoCloseable {
  /** Every call gets this long; the control plane answers from memory. */
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final ManagedChannel channel;
  private final ControlPlaneGrpc.ControlPlaneBlockingStub stub;
  private final OrderedReports reports;

  /**
   * @param address host:port of the control plane's gRPC service
   * @param reporter the single thread reports are sent from (owned by the caller)
   */
  public ControlPlaneClient(String address, ScheduledExecutorService reporter, Duration retryInterval) {
    this(address, reporter, retryInterval, Tracing.noop());
  }

  /** @param tracing carries the current trace context, if any, to the control plane (see {@link Tracing}) */
  public ControlPlaneClient(String address, ScheduledExecutorService reporter, Duration retryInterval,
      Tracing tracing) {
    this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().intercept(tracing.clientInterceptor())
        .build();
    this.stub = ControlPlaneGrpc.newBlockingStub(channel);
    this.reports = new OrderedReports(reporter, retryInterval, this::stub);
  }

  private ControlPlaneGrpc.ControlPlaneBlockingStub stub() {
    return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
  }

  public RegisterResponse register(RegisterRequest request) {
    return stub().register(request);
  }

  public HeartbeatResponse heartbeat(HeartbeatRequest request) {
    return stub().heartbeat(request);
  }

  /** Queues a report; reports reach the control plane in the order they were queued. */
  public void report(String what, Function<ControlPlaneGrpc.ControlPlaneBlockingStub, Ack> call) {
    reports.submit(what, call);
  }

  /** Reports queued or being retried (for tests and status). */
  public int pendingReports() {
    return reports.pending();
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
