package io.rivulet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tools the demo runs that are not part of the build, fetched from Maven Central on first use. */
final class Tools {
  static final String ZIPKIN = "io.zipkin:zipkin-server:3.6.1:jar:exec";
  private static final String ZIPKIN_JAR = "zipkin-server-3.6.1-exec.jar";

  private Tools() {}

  /**
   * The Zipkin server's executable jar (about 135 MB), the local trace viewer: no Jaeger build runs here without
   * Docker, and Zipkin runs from a jar. Copied once into {@code <home>/.rivulet/tools} by Maven, so it comes from
   * whatever local repository and mirror Maven is set up with.
   */
  static Path zipkin(Path home) throws IOException, InterruptedException {
    Path tools = home.resolve(".rivulet/tools");
    Path jar = tools.resolve(ZIPKIN_JAR);
    if (Files.exists(jar)) {
      return jar;
    }
    System.out.println("fetching the trace viewer " + ZIPKIN + " with Maven (once) ...");
    Files.createDirectories(tools);
    Process p = new ProcessBuilder(List.of("mvn", "-q", "-B", "dependency:copy", "-Dartifact=" + ZIPKIN,
        "-DoutputDirectory=" + tools)).directory(tools.toFile()).inheritIO().start();
    if (p.waitFor() != 0 || !Files.exists(jar)) {
      throw new IOException("could not fetch " + ZIPKIN + " with Maven into " + tools + " (is mvn on the PATH and"
          + " Maven Central or a mirror reachable?)");
    }
    return jar;
  }
}
