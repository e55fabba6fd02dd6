package io.rivulet.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts runs of consecutive records with equal timestamps into a canonical order (by their text), so that
 * outputs differing only in the order of simultaneous results compare equal.
 */
final class TieOrder {
  private static final Comparator<Object> BY_TEXT = Comparator.comparing(o -> String.valueOf(((StreamRecord<?>) o).value()));

  private TieOrder() {}

  static RecordedOutput normalize(RecordedOutput output) {
    Map<String, List<StreamRecord<?>>> sides = new LinkedHashMap<>();
    output.sideOutputs().forEach((tag, records) -> {
      List<StreamRecord<?>> sorted = new ArrayList<>();
      for (Object o : normalize(new ArrayList<>(records))) {
        sorted.add((StreamRecord<?>) o);
      }
      sides.put(tag, sorted);
    });
    return new RecordedOutput(normalize(output.events()), sides, output.lateRecordsDropped());
  }

  static List<Object> normalize(List<?> events) {
    List<Object> result = new ArrayList<>(events.size());
    int i = 0;
    while (i < events.size()) {
      Object e = events.get(i);
      if (!(e instanceof StreamRecord<?> first)) {
        result.add(e);
        i++;
        continue;
      }
      int j = i + 1;
      while (j < events.size() && events.get(j) instanceof StreamRecord<?> r && r.timestamp() == first.timestamp()) {
        j++;
      }
      List<Object> run = new ArrayList<>(events.subList(i, j));
      run.sort(BY_TEXT);
      result.addAll(run);
      i = j;
    }
    return result;
  }
}
