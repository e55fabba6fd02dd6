package io.rivulet.controlplane.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The known built-ins by type; immutable. */
public final class BuiltInRegistry {
  private final Map<String, BuiltIn> byType = new TreeMap<>();

  public BuiltInRegistry(Collection<? extends BuiltIn> builtIns) {
    for (BuiltIn b : builtIns) {
      if (byType.putIfAbsent(b.type(), b) != null) {
        throw new IllegalStateException("two built-ins have type '" + b.type() + "': " + byType.get(b.type())
            .getClass().getName() + " and " + b.getClass().getName());
      }
    }
  }

  /** The built-in, or null. */
  public BuiltIn get(String type) {
    return byType.get(type);
  }

  /** Sources first, then operators, then sinks; by name within each. */
  public List<BuiltIn> all() {
    return byType.values().stream()
        .sorted(Comparator.comparing(BuiltIn::role).thenComparing(BuiltIn::type)).toList();
  }

  /** "sources: a, b; operators: c; sinks: d", for error messages. */
  public String describeKnown() {
    StringBuilder sb = new StringBuilder();
    for (BuiltIn.Role role : BuiltIn.Role.values()) {
      List<String> names = all().stream().filter(b -> b.role() == role).map(BuiltIn::type).toList();
      if (!names.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : "; ").append(role.name().toLowerCase()).append("s: ")
            .append(String.join(", ", names));
      }
    }
    return sb.toString();
  }

  /** The closest known type within two edits, or null: for "did you mean" hints. */
  public String suggest(String type) {
    String best = null;
    int bestDistance = 3;
    for (String known : byType.keySet()) {
      int d = editDistance(type, known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
