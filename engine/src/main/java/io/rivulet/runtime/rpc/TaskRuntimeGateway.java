package io.rivulet.runtime.rpc;

import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import java.util.concurrent.CompletableFuture;

/**
 * How the control side (a job master) reaches one task runtime. The messages are the protocol's
 * ({@code control.proto}) in both modes; only the transport differs: gRPC to a runtime process
 * ({@link GrpcTaskRuntimeGateway}) or direct calls into a runtime in this JVM ({@link InProcessTaskRuntimeGateway}).
 * Every call returns at once; the future completes with the runtime's answer, or exceptionally when the runtime
 * cannot be reached ({@link RuntimeUnreachableException}) or does not answer within the call's deadline.
 */
public interface TaskRuntimeGateway extends AutoCloseable {
  String runtimeId();

  CompletableFuture<Ack> deploy(DeployRequest request);

  CompletableFuture<Ack> cancel(JobRef job);

  CompletableFuture<Ack> triggerCheckpoint(CheckpointTrigger trigger);

  CompletableFuture<Ack> notifyCheckpoint(CheckpointNotification notification);

  /** Every task of the attempt ended its input: commit what was staged at the end, then close. */
  CompletableFuture<Ack> notifyJobFinished(JobRef job);

  /**
   * Calls {@code onLost} once when the connection to the runtime broke and it no longer answers (the process is
   * gone), without waiting for the heartbeat timeout. In-process runtimes are never lost.
   */
  void watchConnection(Runnable onLost);

  @Override
  void close();
}
