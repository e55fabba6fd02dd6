package io.rivulet.controlplane.spec.builtins;

import io.rivulet.controlplane.spec.Params;
import io.rivulet.controlplane.spec.SpecError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The small fixed set of functions a {@code map} or {@code filter} node can name, each with the parameters it
 * takes from the node's params (all declared optional on the node; each function checks its own).
 */
final class NamedFunctions<F> {
  private record Entry<F>(List<String> params, Function<Params, F> factory) {}

  private final Map<String, Entry<F>> functions = new LinkedHashMap<>();

  NamedFunctions<F> add(String name, List<String> params, Function<Params, F> factory) {
    functions.put(name, new Entry<>(params, factory));
    return this;
  }

  String names() {
    return String.join(", ", functions.keySet());
  }

  /** "multiply(by), add(value)". */
  String describe() {
    return String.join(", ", functions.entrySet().stream()
        .map(e -> e.getKey() + "(" + String.join(", ", e.getValue().params()) + ")").toList());
  }

  /**
   * The function named in params.function, after checking that exactly its parameters are given.
   *
   * @param allowedExtra node parameters that are not the function's but are allowed beside it
   */
  F create(String name, Params p, String... allowedExtra) {
    Entry<F> e = functions.get(name);
    if (e == null) {
      throw new SpecError(p.pathOf("function"), "unknown function '" + name + "'; known: " + names());
    }
    for (String param : e.params()) {
      if (!p.has(param)) {
        throw new SpecError(p.pathOf(param), "required by function '" + name + "'");
      }
    }
    for (Entry<F> other : functions.values()) {
      for (String param : other.params()) {
        if (!e.params().contains(param) && p.has(param) && !List.of(allowedExtra).contains(param)) {
          throw new SpecError(p.pathOf(param), "not a parameter of function '" + name + "' (it takes: "
              + String.join(", ", e.params()) + ")");
        }
      }
    }
    return e.factory().apply(p);
  }
}
