package io.rivulet.runtime.checkpoint;

import java.util.Map;

/** The state of one operator (by uid) over all its subtasks in a completed checkpoint. */
public record OperatorState(String uid, int parallelism, int maxParallelism,
    Map<Integer, OperatorSubtaskState> subtasks) {}
