package io.rivulet.runtime.taskexecutor;

import io.rivulet.proto.control.ExecutionState;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.deploy.AttemptChannels;
import io.rivulet.runtime.tasks.StreamTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subtasks of one job attempt that run in this runtime, from deployment until the last of them ended.
 * It is the tasks' {@link io.rivulet.runtime.tasks.TaskListener}: it forwards state changes and, when the last
 * task thread ended, releases the attempt's channels and class loader. Created by the gRPC thread that deploys,
 * which sets everything before {@link #start}; afterwards task threads and control calls only read it.
 */
public final class DeployedAttempt implements io.rivulet.runtime.tasks.TaskListener {
  /** What an attempt tells its runtime; called on task threads. */
  public interface Events {
    /** RUNNING, INPUT_ENDED, FINISHED (after the end-of-job commit), FAILED (with its cause) or CANCELED. */
    void taskStateChanged(DeployedAttempt attempt, StreamTask task, ExecutionState state, Throwable failure);

    /** Every task thread of the attempt ended; its resources are released. */
    void ended(DeployedAttempt attempt);

    /** One task's thread ended (after its final state was reported). */
    default void taskEnded(DeployedAttempt attempt, StreamTask task) {}
  }

  private final AttemptKey key;
  private final Events events;
  private final AtomicInteger alive = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Map<SubtaskId, StreamTask> tasks = Map.of();
  private volatile List<Thread> threads = List.of();
  private volatile AttemptChannels channels;
  private volatile JobClassLoaders.Lease classLoader;
  private volatile boolean cancelled;

  public DeployedAttempt(AttemptKey key, Events events) {
    this.key = key;
    this.events = events;
  }

  public AttemptKey key() {
    return key;
  }

  /** Deploying thread: the class loader the attempt's tasks use, released when the attempt ends. */
  void useClassLoader(JobClassLoaders.Lease lease) {
    this.classLoader = lease;
  }

  /** Deploying thread: starts one thread per task; channels are wired. */
  void start(Map<SubtaskId, StreamTask> wiredTasks, AttemptChannels wiredChannels) {
    List<Thread> list = new ArrayList<>();
    for (StreamTask t : wiredTasks.values()) {
      Thread thread = new Thread(t, "rivulet-task " + t.info().displayName() + " " + key);
      thread.setDaemon(true);
      list.add(thread);
    }
    alive.set(list.size());
    this.channels = wiredChannels;
    this.threads = List.copyOf(list);
    this.tasks = Map.copyOf(wiredTasks);
    if (cancelled) {
      wiredChannels.release();
      wiredTasks.values().forEach(StreamTask::cancel); // cancelled while deploying: the tasks stop at once
    }
    list.forEach(Thread::start);
    if (list.isEmpty()) {
      end();
    }
  }

  /** Deploying thread: the deployment failed before any task started; gives back what it acquired. */
  void discard() {
    AttemptChannels c = channels;
    if (c != null) {
      c.release();
    }
    end();
  }

  public Collection<StreamTask> tasks() {
    return tasks.values();
  }

  public StreamTask task(int vertexId, int subtask) {
    return tasks.get(new SubtaskId(vertexId, subtask));
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Stops every task (they close their operators without committing), forgets the attempt's channels, and
   * interrupts task threads still alive after {@code grace} (stuck in user code).
   */
  void cancel(ScheduledExecutorService timer, Duration grace) {
    cancelled = true;
    AttemptChannels c = channels;
    if (c != null) {
      c.release();
    }
    tasks.values().forEach(StreamTask::cancel);
    List<Thread> toWatch = threads;
    if (!toWatch.isEmpty()) {
      timer.schedule(() -> toWatch.stream().filter(Thread::isAlive).forEach(Thread::interrupt),
          grace.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void end() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    AttemptChannels c = channels;
    if (c != null) {
      c.release();
    }
    JobClassLoaders.Lease l = classLoader;
    if (l != null) {
      l.close();
    }
    events.ended(this);
  }

  // ---------------------------------------------------------------- TaskListener (task threads)

  @Override
  public void onRunning(StreamTask task) {
    events.taskStateChanged(this, task, ExecutionState.RUNNING, null);
  }

  @Override
  public void onFinished(StreamTask task) {
    events.taskStateChanged(this, task, ExecutionState.INPUT_ENDED, null);
  }

  @Override
  public void onFailed(StreamTask task, Throwable error) {
    events.taskStateChanged(this, task, ExecutionState.FAILED, error);
  }

  @Override
  public void onTerminated(StreamTask task) {
    if (task.state() == StreamTask.State.CANCELED) {
      events.taskStateChanged(this, task, ExecutionState.CANCELED, null);
    } else if (task.state() == StreamTask.State.FINISHED) {
      events.taskStateChanged(this, task, ExecutionState.FINISHED, null); // committed at the job's end, closed
    }
    events.taskEnded(this, task);
    if (alive.decrementAndGet() == 0) {
      end();
    }
  }

  @Override
  public String toString() {
    return "attempt " + key + " (" + tasks.size() + " tasks" + (cancelled ? ", cancelled" : "") + ")";
  }
}
