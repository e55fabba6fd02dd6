package io.rivulet.api.windowing;

import io.rivulet.api.serialization.TypeSerializer;
import java.io.Serializable;
import java.util.Collection;

/** Puts each element into zero or more windows. */
public abstract class WindowAssigner<T, W extends Window> implements Serializable {

  /**
   * The windows {@code element} belongs to. {@code timestamp} is the record's event time (or
   * {@link Long#MIN_VALUE}); processing-time assigners use {@code context.currentProcessingTime()}.
   */
  public abstract Collection<W> assignWindows(T element, long timestamp, Context context);

  public abstract Trigger<T, W> defaultTrigger();

  public abstract TypeSerializer<W> windowSerializer();

  /** True if windows are bounded by event time (watermarks), false for processing time. */
  public abstract boolean isEventTime();

  /** What an assigner may ask of the running operator. */
  public interface Context {
    long currentProcessingTime();
  }
}
