package io.rivulet.taskruntime;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hosts one {@link TaskRuntimeNode} in the Quarkus application: starts it when the application starts (both gRPC
 * servers up, registration under way) and closes it at shutdown. Health, metrics and the status endpoint read
 * it through {@link #node()}.
 */
@ApplicationScoped
public class RuntimeHost {
  private final RuntimeConfig config;
  private volatile TaskRuntimeNode node;

  public RuntimeHost(RuntimeConfig config) {
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    RuntimeConfig.Runtime rt = config.runtime();
    RuntimeSettings.Builder settings = RuntimeSettings.builder()
        .runtimeId(rt.id().filter(id -> !id.isBlank()).orElseGet(RuntimeSettings::generatedId))
        .host(rt.host()).slots(rt.slots()).controlPort(rt.controlPort()).dataPort(rt.dataPort())
        .workDir(rt.workDir().toAbsolutePath()).cancelGracePeriod(rt.cancelGracePeriod())
        .controlPlaneAddress(config.controlPlane().address()).retryInterval(config.controlPlane().retryInterval())
        .httpUrl("http://" + rt.host() + ":" + httpPort());
    config.checkpoints().directory().ifPresent(d -> settings.checkpointsDirectory(d.toAbsolutePath()));
    try {
      node = new TaskRuntimeNode(settings.build()).start();
    } catch (IOException e) {
      throw new UncheckedIOException("task runtime could not start its gRPC servers", e);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    TaskRuntimeNode n = node;
    if (n != null) {
      n.close();
    }
  }

  /** The running node; null before startup finished. */
  public TaskRuntimeNode node() {
    return node;
  }

  /** The HTTP port this application serves on (tests run on the test port). */
  private static int httpPort() {
    String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
    return ConfigProvider.getConfig().getOptionalValue(key, Integer.class).orElse(8080);
  }
}
