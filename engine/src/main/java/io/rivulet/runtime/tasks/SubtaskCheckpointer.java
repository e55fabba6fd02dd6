package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.checkpoint.OperatorSubtaskState;
import io.rivulet.runtime.checkpoint.TaskStateSnapshot;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.operators.OperatorSnapshot;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroups;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subtask's part of a checkpoint, once its barrier is here (a source: once triggered; otherwise: once aligned):
 * forwards the barrier, takes the synchronous snapshot of every operator and of the managed input channels, and lets
 * the checkpoint I/O thread write the keyed state and acknowledge, or decline if that failed. Also tells the operators
 * when a checkpoint completed or was aborted (sinks commit or drop what they staged).
 *
 * <p>Task thread only; the asynchronous part on the I/O thread touches nothing but the snapshots it is handed.
 */
final class SubtaskCheckpointer {
  private final TaskInfo info;
  private final TaskServices services;
  private final OperatorChain chain;
  private final RecordWriter[] writers;
  private final ManagedChannels managedChannels;
  /** The key groups of this subtask, which its keyed state files cover. */
  private final KeyGroupRange keyGroups;

  SubtaskCheckpointer(TaskInfo info, TaskServices services, OperatorChain chain, RecordWriter[] writers,
      ManagedChannels managedChannels) {
    this.info = info;
    this.services = services;
    this.chain = chain;
    this.writers = writers;
    this.managedChannels = managedChannels;
    this.keyGroups = KeyGroups.rangeForSubtask(info.subtaskIndex(), info.vertex().maxParallelism(),
        info.vertex().parallelism());
  }

  /**
   * Forwards the barrier, takes the synchronous snapshot of every operator, and lets an I/O thread write the keyed
   * state and acknowledge.
   */
  void checkpoint(long checkpointId, long timestamp) throws Exception {
    StreamEvent.CheckpointBarrier barrier = new StreamEvent.CheckpointBarrier(checkpointId, timestamp);
    for (RecordWriter w : writers) {
      w.broadcastEvent(barrier);
    }
    List<StreamNode> nodes = chain.nodes();
    List<OperatorSnapshot> snapshots = new ArrayList<>(nodes.size());
    for (StreamOperator<?> op : chain.operators()) {
      snapshots.add(op.snapshotState(checkpointId));
    }
    Map<String, byte[]> channelStates = managedChannels.snapshot(checkpointId);
    services.checkpointIo().execute(() -> writeAndAcknowledge(checkpointId, nodes, snapshots, channelStates));
  }

  /** Checkpoint I/O thread: writes the keyed state of each operator, then acknowledges with all handles. */
  private void writeAndAcknowledge(long checkpointId, List<StreamNode> nodes, List<OperatorSnapshot> snapshots,
      Map<String, byte[]> channelStates) {
    try {
      Map<String, OperatorSubtaskState> states = new HashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        OperatorSnapshot s = snapshots.get(i);
        KeyGroupsStateHandle keyed = s.keyedState() == null ? null
            : services.checkpointStorage().writeKeyedState(checkpointId, nodes.get(i).uid(), info.subtaskIndex(),
                keyGroups, s.keyedState());
        Map<String, byte[]> operatorState = s.operatorState();
        if (i == 0 && !channelStates.isEmpty()) { // input channel state goes with the head operator
          operatorState = new HashMap<>(operatorState);
          operatorState.putAll(channelStates);
        }
        if (keyed != null || !operatorState.isEmpty()) {
          states.put(nodes.get(i).uid(), new OperatorSubtaskState(Map.copyOf(operatorState), keyed));
        }
      }
      services.checkpointResponder().acknowledge(info.subtaskId(), info.attempt(), checkpointId,
          new TaskStateSnapshot(states));
    } catch (Throwable t) {
      for (OperatorSnapshot s : snapshots) {
        if (s.keyedState() != null) {
          s.keyedState().release();
        }
      }
      decline(checkpointId, "writing state failed: " + t);
    }
  }

  /** Tells the coordinator this subtask takes no part in checkpoint {@code checkpointId}. Any thread. */
  void decline(long checkpointId, String reason) {
    services.checkpointResponder().decline(info.subtaskId(), info.attempt(), checkpointId, reason);
  }

  void notifyComplete(long checkpointId) throws Exception {
    for (StreamOperator<?> op : chain.operators()) {
      op.notifyCheckpointComplete(checkpointId);
    }
  }

  void notifyAborted(long checkpointId) throws Exception {
    for (StreamOperator<?> op : chain.operators()) {
      op.notifyCheckpointAborted(checkpointId);
    }
  }
}
