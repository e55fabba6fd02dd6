package io.rivulet.runtime.jobmaster;

import io.rivulet.runtime.checkpoint.SubtaskId;

/**
 * What the job master knows of one subtask of the current attempt: where it runs, its state as reported, and the
 * counters of the last heartbeat. Written by the job master's thread only; the fields are volatile so that the REST
 * layer reads them without waiting (a view may mix two heartbeats: fine for monitoring).
 */
public final class SubtaskStatus {
  private final SubtaskId id;
  private final String runtimeId;
  private volatile SubtaskState state = SubtaskState.SCHEDULED;
  /** The runtime reported FINISHED: committed and closed (not only its input ended). */
  private boolean ended;
  private volatile long recordsIn;
  private volatile long recordsOut;
  private volatile long backPressuredNanos;
  private volatile long currentWatermark = Long.MIN_VALUE;

  SubtaskStatus(SubtaskId id, String runtimeId) {
    this.id = id;
    this.runtimeId = runtimeId;
  }

  public SubtaskId id() {
    return id;
  }

  public String runtimeId() {
    return runtimeId;
  }

  public SubtaskState state() {
    return state;
  }

  void state(SubtaskState s) {
    state = s;
  }

  boolean ended() {
    return ended;
  }

  void markEnded() {
    ended = true;
  }

  void counters(long in, long out, long backPressured, long watermark) {
    recordsIn = in;
    recordsOut = out;
    backPressuredNanos = backPressured;
    currentWatermark = watermark;
  }

  public long recordsIn() {
    return recordsIn;
  }

  public long recordsOut() {
    return recordsOut;
  }

  public long backPressuredNanos() {
    return backPressuredNanos;
  }

  /** The head operator's watermark, {@link Long#MIN_VALUE} while it has none. */
  public long currentWatermark() {
    return currentWatermark;
  }
}
