package io.rivulet.controlplane.testjobs;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.serialization.Types;

/**
 * A job packed into a JAR at test time: doubles the numbers 1..n (n = first argument, default 100) across a
 * rebalance, so the map vertex reads n records. Its name counts the runs seen by this class: with a fresh class
 * loader per run it is "tiny-1" every time.
 */
public final class TinyJob {
  private static int runs;

  private TinyJob() {}

  public static void main(String[] args) throws Exception {
    runs++;
    long n = args.length > 0 ? Long.parseLong(args[0]) : 100;
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromSequence(1, n).name("numbers").rebalance().map(x -> x * 2, Types.LONG).name("double")
        .sinkTo(new DiscardingSink<>());
    env.execute("tiny-" + runs);
  }
}
