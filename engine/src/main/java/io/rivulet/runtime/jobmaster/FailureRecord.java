package io.rivulet.runtime.jobmaster;

/**
 * One failure of a distributed job.
 *
 * @param task the failed subtask ("vertex (i/p)"), or null for failures of the job as a whole
 * @param stacktrace as reported by the runtime, or the reason
 */
public record FailureRecord(long timestamp, String task, String message, String stacktrace) {}
