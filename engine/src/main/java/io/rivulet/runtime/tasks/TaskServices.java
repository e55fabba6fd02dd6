package io.rivulet.runtime.tasks;

import io.rivulet.runtime.checkpoint.CheckpointStorage;
import io.rivulet.runtime.state.StateBackendFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Services a task uses that outlive it and are shared by the tasks of one process.
 *
 * @param timer runs processing-time timers (posting them into task mailboxes)
 * @param checkpointIo writes the asynchronous part of snapshots
 * @param latency told when a latency marker reaches a task with a sink (spans, timers); NONE where nobody listens
 */
public record TaskServices(StateBackendFactory stateBackends, CheckpointStorage checkpointStorage,
    ScheduledExecutorService timer, ExecutorService checkpointIo, CheckpointResponder checkpointResponder,
    LatencyListener latency) {

  /** Services whose latency markers (if the job sends any) are forwarded but reported to nobody. */
  public TaskServices(StateBackendFactory stateBackends, CheckpointStorage checkpointStorage,
      ScheduledExecutorService timer, ExecutorService checkpointIo, CheckpointResponder checkpointResponder) {
    this(stateBackends, checkpointStorage, timer, checkpointIo, checkpointResponder, LatencyListener.NONE);
  }
}
