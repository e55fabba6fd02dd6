package io.rivulet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the packaged services (Quarkus fast-jars under {@code <module>/target/quarkus-app}) as child processes.
 * {@code bin/rivulet} passes the project root as {@code -Drivulet.home}.
 */
final class Apps {
  private Apps() {}

  static Path home() {
    return Path.of(System.getProperty("rivulet.home", ".")).toAbsolutePath().normalize();
  }

  static Path app(String module) {
    Path jar = home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build with 'mvn -DskipTests package' (bin/rivulet does)");
    }
    return jar;
  }

  /** The command line to run a service with the given system properties and JVM options. */
  static List<String> command(String module, List<String> jvmOptions, List<String> properties) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    for (String p : properties) {
      cmd.add("-D" + p);
    }
    cmd.add("-jar");
    cmd.add(app(module).toString());
    return cmd;
  }

  /** Runs a service in the foreground, sharing this terminal; returns its exit code. */
  static int runForeground(List<String> command) throws InterruptedException, IOException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    return p.waitFor();
  }

  /** Starts a service in the background with its output in {@code log}. */
  static Process startBackground(List<String> command, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** A port for a child process to listen on, outside the ephemeral range (see FreePorts). */
  static int freePort() {
    return io.rivulet.kafka.local.FreePorts.pick();
  }
}
