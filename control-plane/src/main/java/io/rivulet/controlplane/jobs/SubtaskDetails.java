package io.rivulet.controlplane.jobs;

/**
 * One parallel instance of a vertex.
 *
 * @param recordsIn records received over the network (chained operators are not counted)
 * @param recordsOut records sent over the network
 * @param backPressuredMillis total time the subtask waited for output credit
 */
public record SubtaskDetails(int index, TaskState status, int attempt, long recordsIn, long recordsOut,
    long backPressuredMillis) {}
