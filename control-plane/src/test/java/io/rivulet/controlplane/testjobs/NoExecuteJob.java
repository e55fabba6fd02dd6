package io.rivulet.controlplane.testjobs;

import io.rivulet.api.StreamEnvironment;

/** Builds a pipeline but never calls execute. */
public final class NoExecuteJob {
  private NoExecuteJob() {}

  public static void main(String[] args) {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromSequence(1, 10).print();
  }
}
