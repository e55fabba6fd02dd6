package io.rivulet.controlplane.jobs;

/** Counts over the whole cluster, as on Flink's /overview. */
public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
    int jobsFinished, int jobsCancelled, int jobsFailed) {}
