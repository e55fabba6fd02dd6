package io.rivulet.examples;

import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.connector.SourceGate;
import java.nio.file.Path;
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

  /**
   * {@code source}, held by {@code --hold-at N --release-file PATH} if given: no record at or past index N is emitted
   * until the file exists (the job goes on checkpointing meanwhile). Tests use it to make something happen while the
   * job certainly still runs (a savepoint, a kill), or to hold a bounded source at its end (N = the record count).
   */
  public <T> GeneratorSource<T> held(GeneratorSource<T> source) {
    if (has("hold-at") != has("release-file")) {
      throw new IllegalArgumentException("--hold-at and --release-file come together");
    }
    if (!has("hold-at")) {
      return source;
    }
    return source.holdAt(getLong("hold-at", 0), SourceGate.whenFileExists(Path.of(get("release-file", ""))));
  }
}
