package io.rivulet.runtime.taskexecutor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a task runtime ({@link TaskExecutor}) is configured with; immutable. Built from {@code application.properties}
 * by the Quarkus host, or directly by tests.
 *
 * @param host the address this runtime binds its gRPC servers to and announces to the control plane
 * @param controlPort where the TaskRuntime service listens (0: any free port)
 * @param dataPort where the data exchange listens (0: any free port)
 * @param controlPlaneAddress host:port of the control plane's gRPC service (empty for a runtime inside the control plane's JVM)
 * @param workDir downloaded job JARs and RocksDB instances
 * @param checkpointsDirectory root of checkpoint storage shared with the control plane (a job writes under
 *     {@code <root>/<job id>})
 * @param httpUrl where health and metrics of this runtime are served (announced at registration)
 * @param retryInterval pause between registration attempts and between retries of a failed report
 * @param cancelGracePeriod how long cancelled tasks may take to stop before their threads are interrupted
 * @param localJars job JARs may come from {@code file:} URLs: only a runtime in the control plane's own JVM, which
 *     reads the control plane's JAR store
 * @param closeTimeout how long {@link TaskExecutor#close()} waits, past the cancel grace period, for the cancelled
 *     tasks to end, and then for their last reports (CANCELED) to reach the control plane; close returns as soon as
 *     they did. Not in {@code application.properties}: a process that shuts down should not wait long, while tests
 *     that check what was reported give it all the time it needs
 */
public record RuntimeSettings(String runtimeId, String host, int slots, int controlPort, int dataPort,
    String controlPlaneAddress, Path workDir, Path checkpointsDirectory, String httpUrl, Duration retryInterval,
    Duration cancelGracePeriod, boolean localJars, Duration closeTimeout) {

  public RuntimeSettings {
    Objects.requireNonNull(runtimeId, "runtimeId");
    Objects.requireNonNull(controlPlaneAddress, "controlPlaneAddress");
    Objects.requireNonNull(workDir, "workDir");
    if (slots < 1) {
      throw new IllegalArgumentException("a task runtime needs at least one slot, was " + slots);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A runtime id for when none is configured: unique enough to tell restarted runtimes apart. */
  public static String generatedId() {
    return "runtime-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Defaults as in {@code application.properties}; {@code controlPlaneAddress} and {@code workDir} are required. */
  public static final class Builder {
    private String runtimeId = generatedId();
    private String host = "127.0.0.1";
    private int slots = 2;
    private int controlPort;
    private int dataPort;
    private String controlPlaneAddress = "";
    private Path workDir;
    private Path checkpointsDirectory;
    private String httpUrl = "";
    private Duration retryInterval = Duration.ofSeconds(2);
    private Duration cancelGracePeriod = Duration.ofSeconds(10);
    private boolean localJars;
    private Duration closeTimeout = Duration.ofSeconds(2);

    public Builder runtimeId(String id) {
      this.runtimeId = id;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    public Builder controlPort(int port) {
      this.controlPort = port;
      return this;
    }

    public Builder dataPort(int port) {
      this.dataPort = port;
      return this;
    }

    public Builder controlPlaneAddress(String address) {
      this.controlPlaneAddress = address;
      return this;
    }

    public Builder workDir(Path dir) {
      this.workDir = dir;
      return this;
    }

    /** Default: {@code <workDir>/checkpoints}. */
    public Builder checkpointsDirectory(Path dir) {
      this.checkpointsDirectory = dir;
      return this;
    }

    public Builder httpUrl(String url) {
      this.httpUrl = url;
      return this;
    }

    public Builder retryInterval(Duration interval) {
      this.retryInterval = interval;
      return this;
    }

    public Builder cancelGracePeriod(Duration period) {
      this.cancelGracePeriod = period;
      return this;
    }

    public Builder localJars(boolean accept) {
      this.localJars = accept;
      return this;
    }

    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = timeout;
      return this;
    }

    public RuntimeSettings build() {
      Objects.requireNonNull(workDir, "workDir");
      return new RuntimeSettings(runtimeId, host, slots, controlPort, dataPort, controlPlaneAddress, workDir,
          checkpointsDirectory != null ? checkpointsDirectory : workDir.resolve("checkpoints"), httpUrl,
          retryInterval, cancelGracePeriod, localJars, closeTimeout);
    }
  }
}
