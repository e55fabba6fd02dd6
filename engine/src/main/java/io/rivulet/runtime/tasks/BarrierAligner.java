package io.rivulet.runtime.tasks;

import io.rivulet.runtime.network.InputGate;
import io.rivulet.runtime.network.StreamEvent;
import java.util.Arrays;

/**
 * Aligns checkpoint barriers over the input channels of a task: a channel that delivered the pending barrier is held
 * back (blocked in its gate) until every live channel has, then the subtask checkpoints. A newer barrier overtaking an
 * unfinished alignment gives the old one up; barriers of checkpoints completed or aborted here are ignored. Task
 * thread only.
 */
final class BarrierAligner {
  private final InputGate[] gates;
  private final SubtaskCheckpointer checkpointer;
  /** Per gate and channel: delivered the pending barrier. */
  private final boolean[][] barrierSeen;
  /** The checkpoint being aligned, or -1. */
  private long alignmentId = -1;
  /** The newest checkpoint whose barrier started an alignment here; older barriers are stale. */
  private long lastBarrierId = -1;
  private int barriersSeen;

  BarrierAligner(InputGate[] gates, SubtaskCheckpointer checkpointer) {
    this.gates = gates;
    this.checkpointer = checkpointer;
    this.barrierSeen = new boolean[gates.length][];
    for (int g = 0; g < gates.length; g++) {
      barrierSeen[g] = new boolean[gates[g].channelCount()];
    }
  }

  /** A barrier arrived on input channel {@code channel} of gate {@code g}. */
  void onBarrier(int g, int channel, StreamEvent.CheckpointBarrier barrier) throws Exception {
    if (barrier.id() <= lastBarrierId && barrier.id() != alignmentId) {
      return; // stale: belongs to a checkpoint that was completed or aborted here
    }
    if (barrier.id() > alignmentId && alignmentId >= 0) {
      endAlignment(); // a newer checkpoint overtook an unfinished one: give the old one up
    }
    if (alignmentId < 0) {
      alignmentId = barrier.id();
      lastBarrierId = barrier.id();
      barriersSeen = 0;
      for (boolean[] seen : barrierSeen) {
        Arrays.fill(seen, false);
      }
    }
    if (!barrierSeen[g][channel]) {
      barrierSeen[g][channel] = true;
      barriersSeen++;
      gates[g].block(channel);
    }
    if (checkAlignment()) {
      checkpointer.checkpoint(barrier.id(), barrier.timestamp());
    }
  }

  /**
   * An input channel finished (the gate knows already): it owes no barrier any more, which may end the alignment.
   * Ended so, the subtask does not checkpoint: an upstream task ended its input, and the coordinator aborts a pending
   * checkpoint when a task's input ends.
   */
  void onChannelFinished() {
    checkAlignment();
  }

  /** Checkpoint {@code checkpointId} was aborted: if it is being aligned, the held-back channels go on. */
  void abort(long checkpointId) {
    if (alignmentId == checkpointId) {
      endAlignment();
    }
  }

  /** True (and alignment ended) when every live channel delivered the pending barrier. */
  private boolean checkAlignment() {
    if (alignmentId < 0) {
      return false;
    }
    int needed = 0;
    for (int g = 0; g < gates.length; g++) {
      for (int c = 0; c < barrierSeen[g].length; c++) {
        if (barrierSeen[g][c] || !gates[g].isFinished(c)) {
          needed++;
        }
      }
    }
    if (barriersSeen < needed) {
      return false;
    }
    long id = alignmentId;
    endAlignment();
    lastBarrierId = id;
    return true;
  }

  private void endAlignment() {
    alignmentId = -1;
    for (InputGate g : gates) {
      g.unblockAll();
    }
  }
}
