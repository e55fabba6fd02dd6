package io.rivulet.api.windowing;

import java.util.Collection;

/** An assigner whose windows can merge, such as session windows. */
public abstract class MergingWindowAssigner<T, W extends Window> extends WindowAssigner<T, W> {

  /** Finds windows among {@code windows} that must be merged and reports each group to the callback. */
  public abstract void mergeWindows(Collection<W> windows, MergeCallback<W> callback);

  public interface MergeCallback<W> {
    /** {@code toBeMerged} (two or more windows) become {@code mergeResult}. */
    void merge(Collection<W> toBeMerged, W mergeResult);
  }
}
