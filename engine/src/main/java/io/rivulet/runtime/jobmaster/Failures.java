package io.rivulet.runtime.jobmaster;

import java.util.concurrent.CompletionException;

/** Small helpers for failures as the job master records and reports them. */
final class Failures {
  private Failures() {}

  /** The cause a future failed with, without the wrappers futures add. */
  static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The first line of a failure's text (its message), or "unknown failure". */
  static String firstLine(String s) {
    if (s == null || s.isEmpty()) {
      return "unknown failure";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
