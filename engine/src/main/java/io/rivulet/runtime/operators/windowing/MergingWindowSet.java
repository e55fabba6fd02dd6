package io.rivulet.runtime.operators.windowing;

import io.rivulet.api.state.MapState;
import io.rivulet.api.windowing.MergingWindowAssigner;
import io.rivulet.api.windowing.Window;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open windows of one key of a merging assigner (sessions), each mapped to its <em>state window</em>:
 * the namespace its contents live under. When windows merge, the contents stay under the state window of
 * one of them and only the others' contents are folded in, so a long session does not copy its contents
 * on every merge.
 *
 * <p>The mapping lives in keyed map state (so it is checkpointed and restored with the key); one instance
 * is reused for every key: {@link #load} reads the current key's mapping, {@link #persist} writes back
 * what changed. Owned by the task thread.
 */
final class MergingWindowSet<W extends Window> {
  /** Told how windows merged, to merge triggers, timers and contents. */
  interface MergeFunction<W> {
    /**
     * @param mergeResult the new window
     * @param mergedWindows the windows that became {@code mergeResult} (not the new element's window)
     * @param stateWindowResult where the merged contents live from now on
     * @param mergedStateWindows the state windows whose contents must be folded into {@code stateWindowResult}
     */
    void merge(W mergeResult, Collection<W> mergedWindows, W stateWindowResult, Collection<W> mergedStateWindows)
        throws Exception;
  }

  private final MergingWindowAssigner<?, W> assigner;
  private final MapState<W, W> store;
  private final Map<W, W> mapping = new HashMap<>();
  private final Map<W, W> loaded = new HashMap<>();

  MergingWindowSet(MergingWindowAssigner<?, W> assigner, MapState<W, W> store) {
    this.assigner = assigner;
    this.store = store;
  }

  /** Reads the mapping of the backend's current key. */
  void load() {
    mapping.clear();
    loaded.clear();
    for (Map.Entry<W, W> e : store.entries()) {
      mapping.put(e.getKey(), e.getValue());
    }
    loaded.putAll(mapping);
  }

  /** Writes back what changed since {@link #load}. */
  void persist() {
    for (W w : loaded.keySet()) {
      if (!mapping.containsKey(w)) {
        store.remove(w);
      }
    }
    for (Map.Entry<W, W> e : mapping.entrySet()) {
      if (!e.getValue().equals(loaded.get(e.getKey()))) {
        store.put(e.getKey(), e.getValue());
      }
    }
    loaded.clear();
    loaded.putAll(mapping);
  }

  /** The namespace of {@code window}'s contents, or null if the window is not (or no longer) open. */
  W stateWindow(W window) {
    return mapping.get(window);
  }

  /** Forgets a window that was purged for good. */
  void retire(W window) {
    if (mapping.remove(window) == null) {
      throw new IllegalStateException("window " + window + " is not in the merging window set");
    }
  }

  boolean isEmpty() {
    return mapping.isEmpty();
  }

  /**
   * Adds the window of a new element, merging it with open windows where the assigner says so.
   *
   * @return the window the element now belongs to: {@code newWindow} or the window it merged into
   */
  W addWindow(W newWindow, MergeFunction<W> mergeFunction) throws Exception {
    List<W> windows = new ArrayList<>(mapping.size() + 1);
    windows.addAll(mapping.keySet());
    windows.add(newWindow);
    Map<W, List<W>> merges = new LinkedHashMap<>();
    assigner.mergeWindows(windows, (toBeMerged, result) -> merges.put(result, new ArrayList<>(toBeMerged)));

    W resultWindow = newWindow;
    boolean newWindowMerged = false;
    for (Map.Entry<W, List<W>> merge : merges.entrySet()) {
      W mergeResult = merge.getKey();
      List<W> merged = merge.getValue();
      if (merged.remove(newWindow)) {
        // the new window has no contents yet, so it takes no part in merging state
        newWindowMerged = true;
        resultWindow = mergeResult;
      }
      W keptStateWindow = mapping.get(merged.get(0));
      List<W> mergedStateWindows = new ArrayList<>(merged.size());
      for (W w : merged) {
        W stateWindow = mapping.remove(w);
        if (stateWindow != null && !stateWindow.equals(keptStateWindow)) {
          mergedStateWindows.add(stateWindow);
        }
      }
      mapping.put(mergeResult, keptStateWindow);
      // a new element inside an existing window changes nothing but the element's window
      boolean onlyNewWindowJoined = merged.size() == 1 && merged.get(0).equals(mergeResult);
      if (!onlyNewWindowJoined) {
        mergeFunction.merge(mergeResult, merged, keptStateWindow, mergedStateWindows);
      }
    }
    if (!newWindowMerged) {
      mapping.put(newWindow, newWindow);
    }
    return resultWindow;
  }
}
