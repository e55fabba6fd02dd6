package io.rivulet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The processes a demo started, remembered by process id in {@code <state>/pids} so that {@code demo --stop} (or
 * Ctrl-C, or the end of a run without {@code --keep}) stops exactly those, children included, in reverse order.
 */
final class DemoProcesses {
  private final Path pidFile;
  private final List<ProcessHandle> started = new ArrayList<>();

  DemoProcesses(Path stateDir) {
    this.pidFile = stateDir.resolve("pids");
  }

  /** Starts a process and records its pid right away. */
  synchronized Process start(String name, List<String> command, Path log) throws IOException {
    Process p = Apps.startBackground(command, log);
    started.add(p.toHandle());
    Files.createDirectories(pidFile.getParent());
    // the start time goes with the pid, so that --stop never signals an unrelated process that reused the pid
    long startedAt = p.toHandle().info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    Files.writeString(pidFile, name + " " + p.pid() + " " + startedAt + "\n", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    return p;
  }

  /** Stops what this run started (newest first) and forgets the pid file. */
  synchronized void stopAll() {
    for (int i = started.size() - 1; i >= 0; i--) {
      stop(started.get(i));
    }
    started.clear();
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // a stale pid file only makes --stop try processes that are already gone
    }
  }

  /** Stops the processes listed in a pid file left by a run with --keep; returns how many were running. */
  static int stopRecorded(Path stateDir) throws IOException {
    Path file = stateDir.resolve("pids");
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int stopped = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      String[] parts = lines.get(i).trim().split(" ");
      if (parts.length != 3) {
        continue;
      }
      Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(parts[1]));
      long startedAt = Long.parseLong(parts[2]);
      if (h.isPresent() && h.get().isAlive() && (startedAt == 0 || h.get().info().startInstant()
          .map(java.time.Instant::toEpochMilli).orElse(-1L) == startedAt)) {
        System.out.println("stopping " + parts[0] + " (pid " + parts[1] + ")");
        stop(h.get());
        stopped++;
      }
    }
    Files.deleteIfExists(file);
    return stopped;
  }

  private static void stop(ProcessHandle h) {
    List<ProcessHandle> children = h.descendants().toList();
    h.destroy();
    try {
      h.onExit().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
    }
    for (ProcessHandle c : children) {
      if (c.isAlive()) {
        c.destroy();
      }
    }
  }
}
