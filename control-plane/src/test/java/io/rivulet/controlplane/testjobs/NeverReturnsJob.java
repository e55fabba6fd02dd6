package io.rivulet.controlplane.testjobs;

/** A main that never hands over a job and ignores being interrupted: the worst a user's JAR can do by waiting. */
public final class NeverReturnsJob {
  private NeverReturnsJob() {}

  public static void main(String[] args) {
    while (true) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException ignored) {
        // swallowed on purpose: the control plane must still get rid of this thread
      }
    }
  }
}
