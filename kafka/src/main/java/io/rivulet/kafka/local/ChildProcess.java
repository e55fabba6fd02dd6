package io.rivulet.kafka.local;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by this one, running a main class under {@link ParentWatch}: its output goes to a log file,
 * its standard input is a pipe whose closing stops it. Owned by whoever started it; not thread-safe.
 */
final class ChildProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final OutputStream stdin;
  private final Path log;

  private ChildProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.stdin = process.getOutputStream();
    this.log = log;
  }

  /**
   * Starts {@code java [jvmOptions] -cp classPath ParentWatch mainClass args} in {@code workDir}.
   *
   * @param classPath entries; this module's own classes are appended (for {@link ParentWatch})
   */
  static ChildProcess start(String name, List<String> jvmOptions, List<String> classPath, String mainClass,
      List<String> args, Path workDir, Path log) throws IOException {
    List<String> cp = new ArrayList<>(classPath);
    cp.add(ModulePaths.ownCodeSource().toString());
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, cp));
    command.add(ParentWatch.class.getName());
    command.add(mainClass);
    command.addAll(args);
    Process p = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new ChildProcess(name, p, log);
  }

  /** The java launcher of this JVM, so the child runs on the same Java version. */
  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Waits for the child to exit by itself; returns its exit code. */
  int awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
    if (!process.waitFor(timeout, unit)) {
      process.destroyForcibly();
      throw new IllegalStateException(this + " did not finish within " + unit.toSeconds(timeout) + " s:\n"
          + logTail(20));
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  /** The last lines of the child's log, for error messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Whether the child's log has {@code text} in it (e.g. one of {@link FreePorts#PORT_TAKEN}). */
  boolean logContains(String text) {
    try {
      // as Latin-1, which reads any bytes: a stray non-UTF-8 byte in the log must not hide the text
      return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** Ends the child: closes its input (it exits through its shutdown hooks), then kills what is left. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already closed: the child sees end of file either way
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
