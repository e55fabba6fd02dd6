package io.rivulet.testkit;

/** An operator told downstream it became idle ({@code true}) or active again ({@code false}). */
public record IdleMarker(boolean idle) {
  @Override
  public String toString() {
    return idle ? "IDLE" : "ACTIVE";
  }
}
