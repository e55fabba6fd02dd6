package io.rivulet.runtime.jobmaster;

import io.rivulet.proto.control.CheckpointNotification;
import io.rivulet.proto.control.CheckpointTrigger;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.cluster.RuntimeInfo;
import io.rivulet.runtime.cluster.SlotAssignment;
import io.rivulet.runtime.concurrent.ControlExecutor;

/**
 * How the checkpoint coordinator reaches the subtasks of one attempt: a trigger goes to the runtime of each source
 * subtask, a notification once to every runtime of the attempt (it tells all its tasks). A trigger that fails or is
 * refused declines the checkpoint, back on the job master's control thread.
 */
final class AttemptCheckpointGateway implements CheckpointCoordinator.TaskGateway {
  private static final System.Logger LOG = System.getLogger(AttemptCheckpointGateway.class.getName());

  private final String jobId;
  private final int attempt;
  private final SlotAssignment slots;
  private final ControlExecutor executor;
  private final CheckpointCoordinator coordinator;

  AttemptCheckpointGateway(String jobId, int attempt, SlotAssignment slots, ControlExecutor executor,
      CheckpointCoordinator coordinator) {
    this.jobId = jobId;
    this.attempt = attempt;
    this.slots = slots;
    this.executor = executor;
    this.coordinator = coordinator;
  }

  @Override
  public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
    RuntimeInfo rt = slots.runtimeForSubtask(source.subtaskIndex());
    slots.gateway(rt.id()).triggerCheckpoint(CheckpointTrigger.newBuilder().setJobId(jobId).setAttempt(attempt)
            .setVertexId(source.vertexId()).setSubtask(source.subtaskIndex()).setCheckpointId(checkpointId)
            .setTimestamp(timestamp).build())
        .whenCompleteAsync((ack, error) -> {
          if (error != null || !ack.getOk()) {
            coordinator.decline(source, attempt, checkpointId, "trigger failed: "
                + (error != null ? Failures.unwrap(error) : ack.getMessage()));
          }
        }, executor);
  }

  @Override
  public void notifyCheckpoint(long checkpointId, boolean completed) {
    CheckpointNotification n = CheckpointNotification.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setCheckpointId(checkpointId).setCompleted(completed).build();
    for (RuntimeInfo rt : slots.runtimes()) {
      slots.gateway(rt.id()).notifyCheckpoint(n).whenComplete((ack, error) -> {
        if (error != null) {
          LOG.log(System.Logger.Level.DEBUG, "checkpoint notification to {0} failed: {1}", rt.id(), error.toString());
        }
      });
    }
  }
}
