package io.rivulet.api.windowing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Merges overlapping (or touching) time windows into their cover, as session assigners need. */
final class SessionMerging {
  private SessionMerging() {}

  static void mergeWindows(Collection<TimeWindow> windows, MergingWindowAssigner.MergeCallback<TimeWindow> callback) {
    List<TimeWindow> sorted = new ArrayList<>(windows);
    sorted.sort(Comparator.comparingLong(TimeWindow::start).thenComparingLong(TimeWindow::end));
    List<TimeWindow> group = new ArrayList<>();
    TimeWindow cover = null;
    for (TimeWindow w : sorted) {
      if (cover != null && cover.intersects(w)) {
        group.add(w);
        cover = cover.cover(w);
        continue;
      }
      report(group, cover, callback);
      group = new ArrayList<>();
      group.add(w);
      cover = w;
    }
    report(group, cover, callback);
  }

  private static void report(List<TimeWindow> group, TimeWindow cover,
      MergingWindowAssigner.MergeCallback<TimeWindow> callback) {
    if (group.size() > 1) {
      callback.merge(group, cover);
    }
  }
}
