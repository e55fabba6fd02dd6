package io.rivulet.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps Java serialization where it is allowed (the decision in DESIGN.md: only user closures inside a submitted job
 * graph, behind a filter): no main source file of any module names {@code ObjectInputStream} or
 * {@code ObjectOutputStream} except the ones listed here, each with its reason. Checkpoints, acknowledgements, restore
 * state and every other control or REST message go through protobuf.
 */
class NoJavaSerializationTest {
  /** File (relative to the repository) → why it may use Java serialization. */
  private static final Map<String, String> ALLOWED = Map.of(
      "engine/src/main/java/io/rivulet/runtime/serialization/SerializedCopy.java",
      "reads job graphs through JobGraphFilter; copies functions already in this JVM",
      "client/src/main/java/io/rivulet/client/RivuletClient.java",
      "writes the job graph a RemoteEnvironment submits",
      "api/src/main/java/io/rivulet/api/graph/JobGraphCompiler.java",
      "checks that user functions serialize, into a null stream",
      "testkit/src/main/java/io/rivulet/testkit/SerializedCopies.java",
      "the operator test harness copies functions in its own JVM");

  @Test
  void onlyTheFilteredGraphPathUsesJavaSerialization() throws IOException {
    Path repository = Path.of("..").toAbsolutePath().normalize();
    assertThat(repository.resolve("engine/src/main/java")).as("run from the engine module").isDirectory();
    Set<String> found = new TreeSet<>();
    try (Stream<Path> modules = Files.list(repository)) {
      for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
        try (Stream<Path> files = Files.walk(main)) {
          files.filter(f -> f.toString().endsWith(".java")).filter(NoJavaSerializationTest::usesJavaSerialization)
              .forEach(f -> found.add(repository.relativize(f).toString().replace('\\', '/')));
        }
      }
    }
    assertThat(found).as("main sources using ObjectInputStream/ObjectOutputStream")
        .contains("engine/src/main/java/io/rivulet/runtime/serialization/SerializedCopy.java")
        .isSubsetOf(ALLOWED.keySet());
  }

  private static boolean usesJavaSerialization(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("ObjectInputStream") || text.contains("ObjectOutputStream");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
