package io.rivulet.controlplane.spec;

/**
 * One problem in a declarative job spec, at a JSON path such as {@code nodes[1].params.to}. Thrown by built-ins
 * while they build; the {@link SpecCompiler} collects them into a 400 answer.
 */
public final class SpecError extends RuntimeException {
  private final String path;

  public SpecError(String path, String message) {
    super(message, null, false, false);
    this.path = path;
  }

  public String path() {
    return path;
  }

  /** "path: message", the form the API answers with. */
  public String describe() {
    return path.isEmpty() ? getMessage() : path + ": " + getMessage();
  }
}
