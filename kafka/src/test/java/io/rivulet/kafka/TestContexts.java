package io.rivulet.kafka;

import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SourceContext;
import java.util.function.LongSupplier;

/** Subtask contexts for driving one reader or writer directly, as the engine would. */
final class TestContexts {
  private TestContexts() {}

  static SourceContext source(int subtask, int parallelism) {
    return source(subtask, parallelism, System::currentTimeMillis);
  }

  /** A source context whose processing time is {@code clock} (a test moves it by hand). */
  static SourceContext source(int subtask, int parallelism, LongSupplier clock) {
    return new SourceContext() {
      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public int attemptNumber() {
        return 0;
      }

      @Override
      public long currentProcessingTime() {
        return clock.getAsLong();
      }

      @Override
      public ClassLoader userClassLoader() {
        return TestContexts.class.getClassLoader();
      }

      @Override
      public void signalAvailable() {}
    };
  }

  static SinkContext sink(int subtask, int parallelism) {
    return new SinkContext() {
      @Override
      public String jobName() {
        return "test";
      }

      @Override
      public String jobId() {
        return "test";
      }

      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return parallelism;
      }

      @Override
      public int attemptNumber() {
        return 0;
      }

      @Override
      public ClassLoader userClassLoader() {
        return TestContexts.class.getClassLoader();
      }
    };
  }
}
