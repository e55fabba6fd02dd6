package io.rivulet.runtime.deploy;

/** Where one subtask runs: the task runtime's id, and where that runtime serves the data exchange. */
public record TaskLocation(String runtimeId, String host, int dataPort) {}
