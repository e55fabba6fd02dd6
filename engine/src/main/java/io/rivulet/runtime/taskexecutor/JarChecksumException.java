package io.rivulet.runtime.taskexecutor;

import java.io.IOException;

/** A downloaded job JAR does not have the SHA-256 the deployment names; it was deleted. */
public final class JarChecksumException extends IOException {
  public JarChecksumException(String message) {
    super(message);
  }
}
