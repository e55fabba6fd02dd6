package io.rivulet.runtime.operators;

import io.rivulet.api.functions.Collector;

/** A collector that stamps what a function emits with a timestamp set before each call. Task thread only. */
public final class TimestampedCollector<T> implements Collector<T> {
  private final Output<T> output;
  private long timestamp = Output.NO_TIMESTAMP;

  public TimestampedCollector(Output<T> output) {
    this.output = output;
  }

  public void setTimestamp(long timestamp) {
    this.timestamp = timestamp;
  }

  @Override
  public void collect(T record) {
    output.collect(record, timestamp);
  }
}
