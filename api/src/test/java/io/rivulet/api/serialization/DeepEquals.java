package io.rivulet.api.serialization;

import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Exact structural equality that also looks into arrays, including arrays inside records and collections
 * (where {@code equals} compares array identity). Sets are compared by matching, so HashSet and Set.of agree.
 */
final class DeepEquals {
  private DeepEquals() {}

  static boolean deepEquals(Object a, Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a.getClass().isArray() && b.getClass().isArray()) {
      if (a instanceof Object[] x && b instanceof Object[] y) {
        return x.length == y.length && allEqual(List.of(x).iterator(), List.of(y).iterator());
      }
      return Objects.deepEquals(a, b);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      return x.size() == y.size() && allEqual(x.iterator(), y.iterator());
    }
    if (a instanceof Set<?> x && b instanceof Set<?> y) {
      return x.size() == y.size() && x.stream().allMatch(e -> y.stream().anyMatch(f -> deepEquals(e, f)));
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.size() == y.size()
          && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey()) && deepEquals(e.getValue(), y.get(e.getKey())));
    }
    if (a.getClass().isRecord() && a.getClass() == b.getClass()) {
      for (RecordComponent c : a.getClass().getRecordComponents()) {
        try {
          c.getAccessor().setAccessible(true);
          if (!deepEquals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
            return false;
          }
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean allEqual(Iterator<?> x, Iterator<?> y) {
    while (x.hasNext()) {
      if (!deepEquals(x.next(), y.next())) {
        return false;
      }
    }
    return true;
  }
}
