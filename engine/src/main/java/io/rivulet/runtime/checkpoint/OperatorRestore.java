package io.rivulet.runtime.checkpoint;

import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.util.List;
import java.util.Map;

/**
 * State assigned to one operator in one subtask: its own non-keyed state, and every keyed snapshot that
 * overlaps its key-group range (several, after the parallelism changed).
 */
public record OperatorRestore(Map<String, byte[]> operatorState, List<KeyGroupsStateHandle> keyedState) {}
