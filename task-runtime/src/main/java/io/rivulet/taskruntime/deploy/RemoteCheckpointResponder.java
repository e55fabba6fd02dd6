package io.rivulet.taskruntime.deploy;

import com.google.protobuf.ByteString;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.CheckpointDecline;
import io.rivulet.runtime.checkpoint.SubtaskId;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.tasks.CheckpointResponder;
import io.rivulet.runtime.tasks.SerializedCopy;
import io.rivulet.taskruntime.control.ControlPlaneClient;

/**
 * Answers checkpoints of one job's tasks to the control plane's coordinator: the acknowledged
 * {@link TaskStateSnapshot} travels Java-serialized (handles to state files plus small operator state). Called
 * on checkpoint I/O threads; the reports are queued, so those threads do not wait for the network.
 */
final class RemoteCheckpointResponder implements CheckpointResponder {
  private final String jobId;
  private final ControlPlaneClient controlPlane;

  RemoteCheckpointResponder(String jobId, ControlPlaneClient controlPlane) {
    this.jobId = jobId;
    this.controlPlane = controlPlane;
  }

  @Override
  public void acknowledge(SubtaskId subtask, int attempt, long checkpointId, TaskStateSnapshot state) {
    CheckpointAck ack = CheckpointAck.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setVertexId(subtask.vertexId()).setSubtask(subtask.subtaskIndex()).setCheckpointId(checkpointId)
        .setState(ByteString.copyFrom(SerializedCopy.serialize(state))).build();
    controlPlane.report("ack of checkpoint " + checkpointId + " by " + subtask, s -> s.acknowledgeCheckpoint(ack));
  }

  @Override
  public void decline(SubtaskId subtask, int attempt, long checkpointId, String reason) {
    CheckpointDecline decline = CheckpointDecline.newBuilder().setJobId(jobId).setAttempt(attempt)
        .setVertexId(subtask.vertexId()).setSubtask(subtask.subtaskIndex()).setCheckpointId(checkpointId)
        .setReason(reason == null ? "" : reason).build();
    controlPlane.report("decline of checkpoint " + checkpointId + " by " + subtask,
        s -> s.declineCheckpoint(decline));
  }
}
