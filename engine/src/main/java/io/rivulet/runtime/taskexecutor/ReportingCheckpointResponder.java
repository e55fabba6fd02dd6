package io.rivulet.runtime.taskexecutor;

import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.runtime.checkpoint.CheckpointFormat;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.serialization.SerializedCopy;
import io.rivulet.runtime.tasks.CheckpointResponder;

/**
 * Answers checkpoints of one job's tasks to the job master's coordinator through the runtime's ordered reports: the
 * acknowledged {@link TaskStateSnapshot} travels as its message of {@code checkpoint.proto} (handles to state files
 * plus small operator state).
 * Called on checkpoint I/O threads, which never wait for the network.
 */
final class ReportingCheckpointResponder implements CheckpointResponder {
  private final String jobId;
  private final Reports reports;

  ReportingCheckpointResponder(String jobId, Reports reports) {
    this.jobId = jobId;
    this.reports = reports;
  }

  @Override
  public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
    CheckpointAck ack = CheckpointAck.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setVertexId(subtask.vertexId()).setSubtask(subtask.subtaskIndex()).setCheckpointId(checkpointId)
        .setState(CheckpointFormat.toMessage(state)).build();
    reports.submit("ack of checkpoint " + checkpointId + " by " + subtask, g -> g.acknowledgeCheckpoint(ack));
  }

  @Override
  public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
    CheckpointDecline decline = CheckpointDecline.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setVertexId(subtask.vertexId()).setSubtask(subtask.subtaskIndex()).setCheckpointId(checkpointId)
        .setReason(reason == null ? "" : reason).build();
    reports.submit("decline of checkpoint " + checkpointId + " by " + subtask, g -> g.declineCheckpoint(decline));
  }
}
