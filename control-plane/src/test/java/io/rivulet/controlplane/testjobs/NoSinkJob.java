package io.rivulet.controlplane.testjobs;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.serialization.Types;

/** Builds a job without a sink, which the graph compiler refuses. */
public final class NoSinkJob {
  private NoSinkJob() {}

  public static void main(String[] args) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromSequence(1, 10).map(x -> x + 1, Types.LONG);
    env.execute("no-sink");
  }
}
