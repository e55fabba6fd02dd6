package io.rivulet.kafka;

import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.RuntimeContext;

/**
 * Passes records through; in the first attempt of subtask 0 it throws at the first record starting with
 * {@code prefix}, once. Restarted attempts pass everything.
 */
final class FailOnFirst implements MapFunction<String, String> {
  private final String prefix;
  private transient boolean armed;

  FailOnFirst(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public void open(RuntimeContext context) {
    armed = context.attemptNumber() == 0 && context.subtaskIndex() == 0;
  }

  @Override
  public String map(String value) {
    if (armed && value.startsWith(prefix)) {
      throw new IllegalStateException("injected failure at " + value);
    }
    return value;
  }
}
