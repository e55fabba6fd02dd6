package io.rivulet.api.connector;

import java.io.PrintStream;

/**
 * Prints each record's {@code toString()} to standard output (or error), prefixed with
 * {@code prefix} and, when the sink runs in parallel, the 1-based subtask number: {@code "prefix:2> value"}.
 */
public final class PrintSink<T> implements Sink<T> {
  private final String prefix;
  private final boolean stdErr;

  public PrintSink(String prefix, boolean stdErr) {
    this.prefix = prefix == null ? "" : prefix;
    this.stdErr = stdErr;
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    PrintStream out = stdErr ? System.err : System.out;
    String p = context.parallelism() > 1
        ? (prefix.isEmpty() ? "" : prefix + ":") + (context.subtaskIndex() + 1) + "> "
        : (prefix.isEmpty() ? "" : prefix + "> ");
    return (value, timestamp) -> out.println(p + value);
  }

  @Override
  public String name() {
    return "Print";
  }
}
