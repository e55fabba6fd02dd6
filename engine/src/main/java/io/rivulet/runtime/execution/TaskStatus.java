package io.rivulet.runtime.execution;

/**
 * A point-in-time view of one subtask, for progress lines, metrics and the Web UI.
 *
 * @param backPressuredNanos total time the task waited for output credit
 */
public record TaskStatus(int vertexId, String vertexName, int subtaskIndex, int attempt, String state,
    long recordsIn, long recordsOut, long backPressuredNanos) {}
