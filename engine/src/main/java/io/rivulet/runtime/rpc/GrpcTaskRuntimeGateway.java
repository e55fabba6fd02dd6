package io.rivulet.runtime.rpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskRuntimeGrpc;
import io.rivulet.runtime.tracing.Tracing;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A task runtime process over gRPC. Calls carry a deadline, so a runtime that does not answer fails the call instead
 * of holding anything up. The channel's connectivity is watched: when an established connection breaks and the
 * runtime cannot be reached again, it is reported lost at once (a killed process closes its sockets), long before a
 * heartbeat timeout would tell.
 */
public final class GrpcTaskRuntimeGateway implements TaskRuntimeGateway {
  private static final System.Logger LOG = System.getLogger(GrpcTaskRuntimeGateway.class.getName());

  private final String runtimeId;
  private final String peer;
  private final ManagedChannel channel;
  private final TaskRuntimeGrpc.TaskRuntimeStub stub;
  private final Duration deadline;
  private final AtomicBoolean lost = new AtomicBoolean();
  private volatile boolean closed;

  public GrpcTaskRuntimeGateway(String runtimeId, String host, int port, Tracing tracing, Duration deadline) {
    this.runtimeId = runtimeId;
    this.peer = "task runtime " + runtimeId + " (" + host + ":" + port + ")";
    this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
        .maxInboundMessageSize(16 * 1024 * 1024).intercept(tracing.clientInterceptor()).build();
    this.stub = TaskRuntimeGrpc.newStub(channel);
    this.deadline = deadline;
  }

  @Override
  public String runtimeId() {
    return runtimeId;
  }

  private TaskRuntimeGrpc.TaskRuntimeStub stub() {
    return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Ack> deploy(DeployRequest request) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().deploy(request, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> cancel(JobRef job) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().cancelJob(job, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> triggerCheckpoint(CheckpointTrigger trigger) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().triggerCheckpoint(trigger, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> notifyCheckpoint(CheckpointNotification notification) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().notifyCheckpoint(notification, Calls.into(f, peer));
    return f;
  }

  @Override
  public CompletableFuture<Ack> notifyJobFinished(JobRef job) {
    CompletableFuture<Ack> f = new CompletableFuture<>();
    stub().notifyJobFinished(job, Calls.into(f, peer));
    return f;
  }

  /**
   * Connects now and follows the channel's state: READY is a live connection; when it drops (IDLE after READY: the
   * peer closed it) the channel is asked to connect again, and TRANSIENT_FAILURE then means nobody listens there any
   * more. A channel that never became READY is lost at its first failure too (the runtime died before it was used).
   */
  @Override
  public void watchConnection(Runnable onLost) {
    watch(channel.getState(true), onLost);
  }

  private void watch(ConnectivityState seen, Runnable onLost) {
    if (closed) {
      return;
    }
    channel.notifyWhenStateChanged(seen, () -> {
      ConnectivityState now = channel.getState(false);
      if (now == ConnectivityState.TRANSIENT_FAILURE) {
        if (!closed && lost.compareAndSet(false, true)) {
          LOG.log(System.Logger.Level.INFO, "{0}: connection lost and it cannot be reached", peer);
          onLost.run();
        }
        return;
      }
      if (now == ConnectivityState.IDLE) {
        now = channel.getState(true); // the connection dropped: find out whether anybody still listens there
      }
      if (now != ConnectivityState.SHUTDOWN) {
        watch(now, onLost);
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    channel.shutdownNow();
  }

  @Override
  public String toString() {
    return peer;
  }
}
