package io.rivulet.api.windowing;

/** The one window that holds everything; it never ends on its own, so it needs a trigger. */
public final class GlobalWindow extends Window {
  public static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  @Override
  public long maxTimestamp() {
    return Long.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "GlobalWindow";
  }
}
