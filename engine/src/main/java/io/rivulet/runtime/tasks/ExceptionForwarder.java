package io.rivulet.runtime.tasks;

/**
 * Outputs cannot throw checked exceptions (user collectors are plain interfaces), so exceptions from
 * downstream operators travel up the chain wrapped, and the task unwraps them.
 */
final class ExceptionForwarder {
  static final ExceptionForwarder INSTANCE = new ExceptionForwarder();

  /** Carries a checked exception through code that cannot declare it. */
  static final class ChainedException extends RuntimeException {
    ChainedException(Exception cause) {
      super(cause);
    }
  }

  RuntimeException wrap(Exception e) {
    if (e instanceof RuntimeException r) {
      return r;
    }
    return new ChainedException(e);
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof ChainedException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
