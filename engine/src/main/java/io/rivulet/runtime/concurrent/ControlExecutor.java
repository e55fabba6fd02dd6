package io.rivulet.runtime.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The single thread of a control component (a job master, the runtime registry): every state change of the
 * component runs here, one task at a time and in submission order, so the component needs no locks. Remote calls
 * return futures whose results are handed back here ({@code future.whenCompleteAsync(..., executor)}); nothing that
 * runs here may block or sleep. Delayed work ({@link #schedule}) and the clock ({@link #now}) come from the same
 * place, so tests drive both by hand ({@link ManualControlExecutor}).
 */
public interface ControlExecutor extends Executor {

  /** Milliseconds since the epoch by this executor's clock. */
  long now();

  /** Runs {@code task} here after {@code delayMillis}, unless cancelled first. */
  Cancellable schedule(Runnable task, long delayMillis);

  /** True when the calling thread is running a task of this executor. */
  boolean isInControlThread();

  /** Fails fast when a component's state is touched from another thread (a bug, not a race to live with). */
  default void assertInControlThread() {
    if (!isInControlThread()) {
      throw new IllegalStateException("called from " + Thread.currentThread().getName()
          + ", not from the component's control thread");
    }
  }

  /** Runs {@code call} here and completes the future with its result. */
  default <T> CompletableFuture<T> call(Supplier<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    execute(() -> {
      try {
        result.complete(call.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** A scheduled task that may still be called off. */
  interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
  }
}
