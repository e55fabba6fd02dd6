package io.rivulet.taskruntime;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The {@code rivulet.*} settings of a task runtime; defaults and the why of each are in application.properties. */
@ConfigMapping(prefix = "rivulet")
public interface RuntimeConfig {
  Runtime runtime();

  ControlPlane controlPlane();

  Checkpoints checkpoints();

  Traces traces();

  interface Runtime {
    /** Empty: a generated id (a restarted runtime is a new runtime to the control plane). */
    Optional<String> id();

    String host();

    int slots();

    int controlPort();

    int dataPort();

    Path workDir();

    Duration cancelGracePeriod();
  }

  interface ControlPlane {
    /** host:port of the control plane's gRPC service. */
    String address();

    Duration retryInterval();
  }

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

  interface Checkpoints {
    /** Empty: {@code <work dir>/checkpoints}. */
    Optional<Path> directory();
  }
}
