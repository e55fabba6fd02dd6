package io.rivulet.api;

/**
 * How a finished job went.
 *
 * @param netRuntimeMillis from the first task start to the end, without set-up
 * @param restarts how many times the job restarted after failures
 * @param completedCheckpoints checkpoints that completed during the run
 */
public record JobExecutionResult(String jobId, String jobName, long netRuntimeMillis, int restarts,
    long completedCheckpoints) {}
