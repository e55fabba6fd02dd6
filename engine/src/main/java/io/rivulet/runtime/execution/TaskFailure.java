package io.rivulet.runtime.execution;

/**
 * A subtask failure that ended an attempt of a job running in this JVM.
 *
 * @param timestampMillis when the failure was reported
 * @param taskName the failed subtask, e.g. {@code "Map (2/4)"}
 * @param attempt the attempt (0 for the first run) that the failure ended
 */
public record TaskFailure(long timestampMillis, String taskName, int attempt, Throwable error) {}
