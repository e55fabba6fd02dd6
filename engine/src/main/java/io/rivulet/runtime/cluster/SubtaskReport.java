package io.rivulet.runtime.cluster;

/** What the control plane knows of one subtask of the current attempt. */
public record SubtaskReport(int vertexId, int subtaskIndex, String runtimeId, String state, long recordsIn,
    long recordsOut, long backPressuredNanos, long currentWatermark) {}
