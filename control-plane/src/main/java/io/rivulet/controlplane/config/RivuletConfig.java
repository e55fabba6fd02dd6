package io.rivulet.controlplane.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The control plane's own settings ({@code rivulet.*}); defaults and profiles in application.properties. */
@ConfigMapping(prefix = "rivulet")
public interface RivuletConfig {

  /** Where jobs run: inside the control plane, or on registered task runtimes. */
  enum Execution {
    embedded,
    cluster
  }

  @WithDefault("embedded")
  Execution execution();

  Data data();

  Jars jars();

  Checkpoints checkpoints();

  Embedded embedded();

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

  interface Embedded {
    /** Slots reported for the embedded task manager (not enforced: every subtask is a thread). */
    @WithDefault("8")
    int slots();
  }
}
