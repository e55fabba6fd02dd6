package io.rivulet.controlplane.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The control plane's own settings ({@code rivulet.*}); defaults and profiles in application.properties. */
@ConfigMapping(prefix = "rivulet")
public interface RivuletConfig {

  /** Where jobs run: on a task runtime inside the control plane's JVM (and any that register), or only on task
   * runtimes that register. */
  enum Execution {
    embedded,
    cluster
  }

  @WithDefault("embedded")
  Execution execution();

  Data data();

  Jars jars();

  Checkpoints checkpoints();

  Savepoints savepoints();

  Embedded embedded();

  Cluster cluster();

  Traces traces();

  Kafka kafka();

  interface Kafka {
    /**
     * The Kafka cluster of DURABLE exchanges and of the {@code kafka-sink} built-in, for jobs that do not name
     * one. Published as the JVM's {@code rivulet.kafka.bootstrap} system property at start, which is where the
     * engine looks (so a {@code -D} on the command line, this property and the environment variable
     * {@code RIVULET_KAFKA_BOOTSTRAP} all work).
     */
    Optional<String> bootstrap();
  }

  interface Traces {
    /** A Zipkin v2 endpoint: when set, traces go there instead of OTLP (see {@link ZipkinTraces}). */
    Optional<String> zipkinEndpoint();
  }

  interface Cluster {
    /** The gRPC port task runtimes register, heartbeat and report on (Flink's RPC port). */
    @WithDefault("6123")
    int grpcPort();

    /** The address the gRPC server binds to. */
    @WithDefault("0.0.0.0")
    String grpcHost();

    /** How often runtimes heartbeat (told to them at registration). */
    @WithDefault("1s")
    Duration heartbeatInterval();

    /** A runtime silent for this long is lost: its jobs fail over to the runtimes left. */
    @WithDefault("10s")
    Duration heartbeatTimeout();

    /**
     * The control threads (the heartbeat monitor among them) may be silent this long before liveness fails: they
     * never wait, so a longer silence means they are stuck.
     */
    @WithDefault("10s")
    Duration livenessTimeout();

    /** How long a job waits for enough free slots before it fails with the reason. */
    @WithDefault("60s")
    Duration slotTimeout();

    /** The HTTP address runtimes use to download job JARs from this control plane. */
    @WithDefault("http://127.0.0.1:8080")
    String advertisedUrl();
  }

  interface Data {
    /** Root of everything the control plane keeps: job store, JARs, checkpoints. */
    Path directory();
  }

  interface Jars {
    Path directory();

    /** Larger uploads are refused with 413; keep quarkus.http.limits.max-body-size above it. */
    @WithDefault("100M")
    MemorySize maxSize();

    /** How long a JAR's main may take to build its job and call execute. */
    @WithDefault("60s")
    Duration mainTimeout();
  }

  interface Checkpoints {
    Path directory();
  }

  interface Savepoints {
    /**
     * Where a savepoint goes when its request names no {@code target-directory} (each in a directory of its own
     * under it); unset (empty): such a request is refused.
     */
    Optional<Path> directory();
  }

  interface Embedded {
    /** Slots of the task runtime in this JVM (a job takes as many as its highest parallelism). */
    @WithDefault("8")
    int slots();
  }
}
