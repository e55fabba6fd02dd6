package io.rivulet.builtins.functions;

import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SinkWriter;

/**
 * Logs each record at INFO through {@link System.Logger} (which Quarkus routes to its log), as
 * {@code "<subtask>> record"}. The logger is looked up per writer, so the sink stays serializable.
 */
public record LogSink<T>(String loggerName) implements Sink<T> {
  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    System.Logger log = System.getLogger(loggerName);
    String prefix = (context.subtaskIndex() + 1) + "> ";
    return (value, timestamp) -> log.log(System.Logger.Level.INFO, prefix + value);
  }

  @Override
  public String name() {
    return "Log";
  }
}
