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

  interface Traces {
    /** A Zipkin v2 endpoint: when set, traces go there instead of OTLP (see {@link ZipkinTraces}). */
    Optional<String> zipkinEndpoint();
  }

  interface Checkpoints {
    /** Empty: {@code <work dir>/checkpoints}. */
    Optional<Path> directory();
  }
}
