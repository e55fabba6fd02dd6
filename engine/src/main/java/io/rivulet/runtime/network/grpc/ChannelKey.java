package io.rivulet.runtime.network.grpc;

/** Identifies a logical channel across runtimes: one producer subtask to one consumer subtask on one edge. */
public record ChannelKey(String jobId, int attempt, int edgeId, int producerSubtask, int consumerSubtask) {}
