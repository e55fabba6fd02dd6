package io.rivulet.examples;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments of the example mains. */
public final class ExampleArgs {
  private final Map<String, String> values = new HashMap<>();

  public ExampleArgs(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("arguments come as --name value pairs; got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public long getLong(String name, long fallback) {
    return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }
}
