package io.rivulet.controlplane.spec;

import io.rivulet.controlplane.ApiException;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one spec, so that a user sees all of them at once rather than one per attempt. */
public final class SpecErrors {
  private final List<String> errors = new ArrayList<>();

  public void add(String path, String message) {
    errors.add(path.isEmpty() ? message : path + ": " + message);
  }

  public void add(SpecError e) {
    errors.add(e.describe());
  }

  void copyTo(SpecErrors other) {
    other.errors.addAll(errors);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** Throws a 400 with every problem collected so far, if there is one. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ApiException(400, errors);
    }
  }
}
