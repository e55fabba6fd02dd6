package io.rivulet.runtime.cluster;

import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.runtime.rpc.RuntimeUnreachableException;
import io.rivulet.runtime.rpc.TaskRuntimeGateway;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A task runtime that is only a gateway: it records every call and answers as the test says (accept, refuse, be
 * unreachable, or never answer), so that control code can be driven through every path without processes or
 * threads. Single-threaded use, like the manual executor that drives the control code.
 */
public final class FakeTaskRuntime implements TaskRuntimeGateway {
  /** How the runtime answers a call. */
  public enum Answer { OK, REFUSE, UNREACHABLE, NEVER }

  private final String id;
  public final List<DeployRequest> deployed = new ArrayList<>();
  public final List<JobRef> cancelled = new ArrayList<>();
  public final List<CheckpointTrigger> triggered = new ArrayList<>();
  public final List<CheckpointNotification> notified = new ArrayList<>();
  public final List<JobRef> finished = new ArrayList<>();
  /** Calls that were never answered ({@link Answer#NEVER}), to answer by hand. */
  public final List<CompletableFuture<Ack>> unanswered = new ArrayList<>();
  public Answer deployAnswer = Answer.OK;
  public Answer triggerAnswer = Answer.OK;
  public Answer cancelAnswer = Answer.OK;
  private Runnable onLost;
  public boolean closed;

  public FakeTaskRuntime(String id) {
    this.id = id;
  }

  /** The info it registers with: {@code slots} slots, made-up ports. */
  public RuntimeInfo info(int slots) {
    return new RuntimeInfo(id, "10.0.0." + Math.abs(id.hashCode() % 200), 7000, 7001, slots, "");
  }

  /** The gateway factory of a registry that knows only fakes. */
  public static Function<RuntimeInfo, TaskRuntimeGateway> factory(List<FakeTaskRuntime> runtimes) {
    return info -> runtimes.stream().filter(r -> r.id.equals(info.id())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fake runtime " + info.id()));
  }

  /** The connection broke: the registry hears of it as the gRPC gateway's watch would tell it. */
  public void breakConnection() {
    if (onLost != null) {
      onLost.run();
    }
  }

  @Override
  public String runtimeId() {
    return id;
  }

  private CompletableFuture<Ack> answer(Answer a) {
    return switch (a) {
      case OK -> CompletableFuture.completedFuture(Ack.newBuilder().setOk(true).build());
      case REFUSE -> CompletableFuture.completedFuture(Ack.newBuilder().setOk(false).setMessage("refused by " + id)
          .build());
      case UNREACHABLE -> CompletableFuture.failedFuture(new RuntimeUnreachableException(id + " is unreachable",
          null));
      case NEVER -> {
        CompletableFuture<Ack> f = new CompletableFuture<>();
        unanswered.add(f);
        yield f;
      }
    };
  }

  @Override
  public CompletableFuture<Ack> deploy(DeployRequest request) {
    deployed.add(request);
    return answer(deployAnswer);
  }

  @Override
  public CompletableFuture<Ack> cancel(JobRef job) {
    cancelled.add(job);
    return answer(cancelAnswer);
  }

  @Override
  public CompletableFuture<Ack> triggerCheckpoint(CheckpointTrigger trigger) {
    triggered.add(trigger);
    return answer(triggerAnswer);
  }

  @Override
  public CompletableFuture<Ack> notifyCheckpoint(CheckpointNotification notification) {
    notified.add(notification);
    return answer(Answer.OK);
  }

  @Override
  public CompletableFuture<Ack> notifyJobFinished(JobRef job) {
    finished.add(job);
    return answer(Answer.OK);
  }

  @Override
  public void watchConnection(Runnable onLost) {
    this.onLost = onLost;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "fake runtime " + id;
  }
}
