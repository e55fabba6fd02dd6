package io.rivulet.api.state;

/** One value per key; {@code null} when none was set. */
public interface ValueState<T> extends State {
  T value();

  /** Sets the value; {@code null} clears it. Do not modify the object afterwards. */
  void update(T value);
}
