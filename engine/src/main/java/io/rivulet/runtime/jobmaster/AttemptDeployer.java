package io.rivulet.runtime.jobmaster;

import com.google.protobuf.ByteString;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.StateAssignment;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskRestore;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.SlotAssignment;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.rpc.RuntimeUnreachableException;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.tracing.Tracing;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Gets one attempt of a job onto task runtimes: requests its slots, assigns the latest checkpoint's state to its
 * subtasks, sends one deployment per runtime and collects the answers, traced as "schedule job" (with "allocate slots"
 * under it). It decides nothing about the job: what happens next is the {@link Host}'s (the job master's) call.
 * Owned by the job master's control thread, like everything it touches.
 */
final class AttemptDeployer {
  private static final System.Logger LOG = System.getLogger(AttemptDeployer.class.getName());
  private static final AttributeKey<Long> SLOTS_NEEDED = AttributeKey.longKey("rivulet.slots.needed");
  private static final AttributeKey<String> RUNTIMES = AttributeKey.stringKey("rivulet.runtimes");

  /** What the deployer reports to the job master, on its control thread. */
  interface Host {
    /** Whether attempt {@code number} is still wanted (the current one, the job neither ended nor cancelled). */
    boolean wants(int number);

    /** Slots arrived for an attempt no longer wanted; they go back, and a cancelled job may end now. */
    void unwanted(SlotAssignment slots);

    /** The job cannot run (no slots in time, state that does not fit the job): it fails for good. */
    void cannotRun(String reason);

    /** Before the deployments leave: the attempt's slots and subtasks, and whether it restores a checkpoint. */
    void deploying(int number, SlotAssignment slots, AttemptTracker tracker, boolean restores);

    /** A runtime refused or did not take its part; {@code counted}: whether it uses up a restart. */
    void deploymentFailed(int number, String reason, boolean counted);
  }

  private final String jobId;
  private final JobGraph graph;
  private final ByteString graphBytes;
  private final JarLocation jar;
  private final JobMasterServices services;
  private final ControlExecutor executor;
  private final CheckpointCoordinator coordinator;
  private final String checkpointDirectory;
  private final int slotsNeeded;
  private final Tracer tracer;
  private final Host host;
  /** The trace context of the submission: parent of the first attempt, linked from later ones. */
  private Context origin = Context.root();
  private Span attemptSpan = Span.getInvalid();
  private int answered;

  AttemptDeployer(String jobId, JobGraph graph, JarLocation jar, JobMasterServices services, ControlExecutor executor,
      CheckpointCoordinator coordinator, String checkpointDirectory, int slotsNeeded, Host host) {
    this.jobId = jobId;
    this.graph = graph;
    this.graphBytes = ByteString.copyFrom(SerializedCopy.serialize(graph)); // once for every attempt and runtime
    this.jar = jar;
    this.services = services;
    this.executor = executor;
    this.coordinator = coordinator;
    this.checkpointDirectory = checkpointDirectory;
    this.slotsNeeded = slotsNeeded;
    this.tracer = services.tracing().tracer();
    this.host = host;
  }

  void origin(Context submitted) {
    this.origin = submitted;
  }

  /** Requests the slots of attempt {@code number}; the rest follows when they arrive. */
  void schedule(int number) {
    SpanBuilder builder = tracer.spanBuilder("schedule job").setAttribute(Tracing.JOB_ID, jobId)
        .setAttribute(Tracing.JOB_NAME, graph.jobName()).setAttribute(Tracing.ATTEMPT, (long) number)
        .setAttribute(SLOTS_NEEDED, (long) slotsNeeded);
    if (number == 0) {
      builder.setParent(origin);
    } else {
      builder.setNoParent();
      if (Span.fromContext(origin).getSpanContext().isValid()) {
        builder.addLink(Span.fromContext(origin).getSpanContext());
      }
    }
    attemptSpan = builder.startSpan();
    Span allocation;
    try (Scope ignored = attemptSpan.makeCurrent()) {
      allocation = tracer.spanBuilder("allocate slots").setAttribute(SLOTS_NEEDED, (long) slotsNeeded).startSpan();
    }
    services.registry().requestSlots(jobId, slotsNeeded, services.slotTimeoutMillis())
        .whenCompleteAsync((assignment, error) -> {
          if (assignment != null) {
            allocation.setAttribute(RUNTIMES, String.join(",", assignment.slots().stream().map(RuntimeInfo::id)
                .toList()));
          } else if (error != null) {
            allocation.setStatus(StatusCode.ERROR, String.valueOf(Failures.unwrap(error).getMessage()));
          }
          allocation.end();
          slotsArrived(number, assignment, error);
        }, executor);
  }

  private void slotsArrived(int number, SlotAssignment assignment, Throwable error) {
    if (!host.wants(number)) {
      host.unwanted(assignment);
      return;
    }
    if (error != null) {
      Throwable cause = Failures.unwrap(error);
      if (!(cause instanceof CancellationException)) {
        endSpan(String.valueOf(cause.getMessage()));
        host.cannotRun(String.valueOf(cause.getMessage()));
      }
      return;
    }
    Map<SubtaskId, TaskRestore> restore;
    try {
      restore = coordinator.latest().map(cp -> StateAssignment.assign(cp, graph)).orElse(Map.of());
    } catch (RuntimeException e) {
      endSpan(e.toString());
      host.cannotRun("cannot restore the job's state: " + e.getMessage());
      return;
    }
    AttemptTracker tracker = new AttemptTracker(number, graph, assignment);
    tracker.deploying();
    Map<String, DeployRequest> requests = DeploymentPlan.build(jobId, number, graph, graphBytes, jar,
        checkpointDirectory, assignment, restore);
    host.deploying(number, assignment, tracker, !restore.isEmpty());
    answered = 0;
    try (Scope ignored = attemptSpan.makeCurrent()) {
      for (Map.Entry<String, DeployRequest> e : requests.entrySet()) {
        String runtimeId = e.getKey();
        assignment.gateway(runtimeId).deploy(e.getValue()).whenCompleteAsync(
            (ack, err) -> deployAnswered(number, assignment, runtimeId, requests.size(), ack, err), executor);
      }
    }
  }

  private void deployAnswered(int number, SlotAssignment assignment, String runtimeId, int requests, Ack ack,
      Throwable error) {
    if (!host.wants(number)) {
      return;
    }
    if (error != null || !ack.getOk()) {
      Throwable cause = error == null ? null : Failures.unwrap(error);
      attemptSpan.setStatus(StatusCode.ERROR, "deployment to " + runtimeId + " failed");
      if (cause instanceof RuntimeUnreachableException) {
        // the runtime is gone, not the job at fault: drop it and deploy again elsewhere, without using up a restart
        services.registry().reportUnreachable(runtimeId, cause.getMessage());
        host.deploymentFailed(number, "deployment to task runtime " + runtimeId + " failed: " + cause.getMessage(),
            false);
      } else {
        host.deploymentFailed(number, "deployment to task runtime " + runtimeId + (error == null ? " refused: "
            + ack.getMessage() : " failed: " + cause), true);
      }
      return;
    }
    if (++answered == requests) {
      attemptSpan.end();
      LOG.log(System.Logger.Level.INFO, "job {0} ({1}) attempt {2} deployed on {3}", jobId, graph.jobName(),
          String.valueOf(number), assignment.runtimes().stream().map(RuntimeInfo::id).toList());
    }
  }

  private void endSpan(String error) {
    attemptSpan.setStatus(StatusCode.ERROR, error);
    attemptSpan.end();
  }
}
