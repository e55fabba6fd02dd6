package io.rivulet.controlplane.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** A fresh data directory per test run, so that the job store starts empty and nothing is left behind. */
public class TempDataDirectory implements QuarkusTestResourceLifecycleManager {
  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("rivulet-control-plane-test");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of("rivulet.data.directory", dir.toString());
  }

  @Override
  public void stop() {
    deleteRecursively(dir);
  }

  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }
}
