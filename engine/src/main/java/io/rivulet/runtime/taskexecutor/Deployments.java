package io.rivulet.runtime.taskexecutor;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.ExecutionState;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskStateReport;
import io.rivulet.proto.control.TaskSummary;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskIoMetrics;
import io.rivulet.runtime.tracing.Tracing;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The job attempts deployed in this runtime, and what a job master can do to them (the runtime's side of
 * {@link io.rivulet.runtime.rpc.TaskRuntimeGateway}). Thread-safe: the deploy thread deploys, transport threads
 * control, task threads report, the heartbeat and HTTP threads read. An attempt is listed from the moment its
 * deployment starts (so a duplicate deployment or an early cancel finds it) until its last task thread ended.
 */
public final class Deployments implements DeployedAttempt.Events, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Deployments.class.getName());
  private static final AttributeKey<Long> TASKS = AttributeKey.longKey("rivulet.tasks");

  private final SharedServices shared;
  private final Deployer deployer;
  private final ConcurrentHashMap<AttemptKey, DeployedAttempt> attempts = new ConcurrentHashMap<>();
  /** Notified whenever an attempt ended. */
  private final Object endedSignal = new Object();

  public Deployments(SharedServices shared) {
    this.shared = shared;
    this.deployer = new Deployer(shared);
  }

  public Ack deploy(DeployRequest request) {
    AttemptKey key = new AttemptKey(request.getJobId(), request.getAttempt());
    if (key.jobId().isEmpty()) {
      return nack("a deployment needs a job id");
    }
    DeployedAttempt attempt = new DeployedAttempt(key, this);
    if (attempts.putIfAbsent(key, attempt) != null) {
      return nack("attempt " + key + " is already deployed on " + shared.runtimeId());
    }
    // a child of the control plane's Deploy call when it came with a trace context
    Span span = shared.tracer().spanBuilder("deploy tasks").setAttribute(Tracing.JOB_ID, key.jobId())
        .setAttribute(Tracing.ATTEMPT, (long) key.attempt()).setAttribute(Tracing.RUNTIME_ID, shared.runtimeId())
        .setAttribute(TASKS, (long) request.getTasksCount()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      deployer.deploy(request, attempt);
      LOG.log(System.Logger.Level.INFO, "deployed {0}", attempt);
      return ok();
    } catch (JarChecksumException e) {
      span.setStatus(StatusCode.ERROR, "JAR checksum mismatch");
      return failed(attempt, "JAR checksum mismatch, nothing deployed: " + e.getMessage(), null);
    } catch (Exception | LinkageError e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.toString());
      return failed(attempt, "deployment of " + key + " failed on " + shared.runtimeId() + ": " + e, e);
    } finally {
      span.end();
    }
  }

  private Ack failed(DeployedAttempt attempt, String message, Throwable cause) {
    LOG.log(System.Logger.Level.WARNING, message, cause);
    attempts.remove(attempt.key(), attempt);
    attempt.discard();
    // wiring publishes its channels last, but a failure while publishing may leave some registered
    if (shared.dataExchange() != null) {
      shared.dataExchange().registry().removeAttempt(attempt.key().jobId(), attempt.key().attempt());
    }
    return nack(message);
  }

  /** Cancels the attempt's tasks here; unknown attempts (never deployed, or already ended) are fine. */
  public Ack cancel(JobRef ref) {
    DeployedAttempt a = attempts.get(new AttemptKey(ref.getJobId(), ref.getAttempt()));
    if (a == null) {
      return ok("nothing of " + ref.getJobId() + "#" + ref.getAttempt() + " runs here");
    }
    a.cancel(shared.timer(), shared.cancelGracePeriod());
    return ok();
  }

  public Ack triggerCheckpoint(CheckpointTrigger t) {
    DeployedAttempt a = attempts.get(new AttemptKey(t.getJobId(), t.getAttempt()));
    StreamTask task = a == null ? null : a.task(t.getVertexId(), t.getSubtask());
    if (task == null) {
      return nack("no subtask " + t.getVertexId() + "#" + t.getSubtask() + " of " + t.getJobId() + "#"
          + t.getAttempt() + " here");
    }
    task.triggerCheckpoint(t.getCheckpointId(), t.getTimestamp());
    return ok();
  }

  public Ack notifyCheckpoint(CheckpointNotification n) {
    DeployedAttempt a = attempts.get(new AttemptKey(n.getJobId(), n.getAttempt()));
    if (a == null) {
      return nack("attempt " + n.getJobId() + "#" + n.getAttempt() + " does not run here");
    }
    for (StreamTask t : a.tasks()) {
      if (n.getCompleted()) {
        t.notifyCheckpointComplete(n.getCheckpointId());
      } else {
        t.notifyCheckpointAborted(n.getCheckpointId());
      }
    }
    return ok();
  }

  public Ack notifyJobFinished(JobRef ref) {
    DeployedAttempt a = attempts.get(new AttemptKey(ref.getJobId(), ref.getAttempt()));
    if (a == null) {
      return nack("attempt " + ref.getJobId() + "#" + ref.getAttempt() + " does not run here");
    }
    a.tasks().forEach(StreamTask::notifyJobFinished);
    return ok();
  }

  /** The attempts now here, in job id and attempt order. */
  public List<DeployedAttempt> attempts() {
    List<DeployedAttempt> list = new ArrayList<>(attempts.values());
    list.sort(Comparator.comparing((DeployedAttempt a) -> a.key().jobId()).thenComparingInt(a -> a.key().attempt()));
    return list;
  }

  /** Every task here, for the heartbeat. */
  public List<TaskSummary> summaries() {
    List<TaskSummary> list = new ArrayList<>();
    for (DeployedAttempt a : attempts()) {
      for (StreamTask t : a.tasks()) {
        list.add(summary(a, t));
      }
    }
    return list;
  }

  private static TaskSummary summary(DeployedAttempt a, StreamTask t) {
    TaskIoMetrics m = t.metrics();
    return TaskSummary.newBuilder().setJobId(a.key().jobId()).setAttempt(a.key().attempt())
        .setVertexId(t.info().vertex().id()).setSubtask(t.info().subtaskIndex()).setState(executionState(t))
        .setRecordsIn(m.recordsIn()).setRecordsOut(m.recordsOut()).setBackPressuredNanos(m.backPressuredNanos())
        .setCurrentWatermark(m.currentWatermark()) // the head operator's; Long.MIN_VALUE: none yet
        .build();
  }

  private static ExecutionState executionState(StreamTask t) {
    return switch (t.state()) {
      case CREATED, INITIALIZING -> ExecutionState.INITIALIZING;
      case RUNNING -> ExecutionState.RUNNING;
      case FINISHED -> ExecutionState.FINISHED;
      case CANCELED -> ExecutionState.CANCELED;
      case FAILED -> ExecutionState.FAILED;
    };
  }

  public int taskCount() {
    int n = 0;
    for (DeployedAttempt a : attempts.values()) {
      n += a.tasks().size();
    }
    return n;
  }

  // ---------------------------------------------------------------- events of attempts (task threads)

  @Override
  public void taskStateChanged(DeployedAttempt attempt, StreamTask task, ExecutionState state, Throwable failure) {
    TaskStateReport.Builder report = TaskStateReport.newBuilder().setRuntimeId(shared.runtimeId())
        .setJobId(attempt.key().jobId()).setAttempt(attempt.key().attempt()).setVertexId(task.info().vertex().id())
        .setSubtask(task.info().subtaskIndex()).setState(state).setCounters(summary(attempt, task));
    if (failure != null) {
      LOG.log(System.Logger.Level.WARNING, "task " + task.info().displayName() + " of " + attempt.key() + " failed",
          failure);
      report.setFailure(stackTrace(failure));
    }
    TaskStateReport r = report.build();
    shared.reports().submit(state + " of " + task.info().displayName() + " " + attempt.key(),
        g -> g.reportTaskState(r));
  }

  @Override
  public void taskEnded(DeployedAttempt attempt, StreamTask task) {
    shared.taskObserver().taskEnded(task);
  }

  @Override
  public void ended(DeployedAttempt attempt) {
    attempts.remove(attempt.key(), attempt);
    LOG.log(System.Logger.Level.DEBUG, "{0} ended", attempt);
    synchronized (endedSignal) {
      endedSignal.notifyAll();
    }
  }

  /** Waits until no attempt is left here; false if some still run after {@code timeout}. */
  public boolean awaitAllEnded(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (endedSignal) {
      while (!attempts.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(endedSignal, left);
      }
    }
    return true;
  }

  /** Cancels everything (the runtime shuts down). */
  @Override
  public void close() {
    Collection<DeployedAttempt> all = new ArrayList<>(attempts.values());
    all.forEach(a -> a.cancel(shared.timer(), shared.cancelGracePeriod()));
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }

  private static Ack ok() {
    return Ack.newBuilder().setOk(true).build();
  }

  private static Ack ok(String message) {
    return Ack.newBuilder().setOk(true).setMessage(message).build();
  }

  private static Ack nack(String message) {
    return Ack.newBuilder().setOk(false).setMessage(message).build();
  }
}
