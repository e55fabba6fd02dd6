package io.rivulet.runtime.cluster;

/** A task runtime as it registered: where its control and data services listen, and its slots. */
public record RuntimeInfo(String id, String host, int controlPort, int dataPort, int slots, String httpUrl) {}
