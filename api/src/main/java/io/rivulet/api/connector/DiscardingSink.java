package io.rivulet.api.connector;

/** Drops every record; for benchmarks and jobs whose effects are elsewhere. */
public final class DiscardingSink<T> implements Sink<T> {
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    return (value, timestamp) -> {};
  }

  @Override
  public String name() {
    return "Discard";
  }
}
