package io.rivulet.runtime.checkpoint;

import java.util.Map;

/**
 * What a subtask acknowledges for a checkpoint: the state of each operator of its chain, by uid. Sent as
 * {@code CheckpointAck.state} through {@link CheckpointFormat}.
 */
public record TaskStateSnapshot(Map<String, OperatorSubtaskState> operators) {}
