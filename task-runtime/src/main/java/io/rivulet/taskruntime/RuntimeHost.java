package io.rivulet.taskruntime;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.rivulet.observability.TaskMeters;
import io.rivulet.runtime.taskexecutor.RuntimeSettings;
import io.rivulet.runtime.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Hosts one {@link TaskRuntimeNode} in the Quarkus application: starts it when the application starts (both gRPC
 * servers up, registration under way) and closes it at shutdown. Health, metrics and the status endpoint read
 * it through {@link #node()}. The node's tasks get meters in the application's registry ({@link TaskMeters}), and its
 * gRPC services continue the control plane's traces with the application's OpenTelemetry SDK.
 */
@ApplicationScoped
public class RuntimeHost {
  private final RuntimeConfig config;
  private final MeterRegistry meterRegistry;
  private final OpenTelemetry openTelemetry;
  private volatile TaskRuntimeNode node;
  private volatile TaskMeters taskMeters;

  public RuntimeHost(RuntimeConfig config, MeterRegistry meterRegistry, OpenTelemetry openTelemetry) {
    this.config = config;
    this.meterRegistry = meterRegistry;
    this.openTelemetry = openTelemetry;
  }

  void onStart(@Observes StartupEvent event) {
    // the engine's DURABLE exchanges and Kafka sinks of jobs that name no cluster read this JVM-wide default
    config.kafka().bootstrap().filter(b -> !b.isBlank())
        .ifPresent(b -> System.setProperty(io.rivulet.api.config.JobConfig.KAFKA_BOOTSTRAP_PROPERTY, b));
    RuntimeConfig.Runtime rt = config.runtime();
    String runtimeId = rt.id().filter(id -> !id.isBlank()).orElseGet(RuntimeSettings::generatedId);
    RuntimeSettings.Builder settings = RuntimeSettings.builder()
        .runtimeId(runtimeId)
        .host(rt.host()).slots(rt.slots()).controlPort(rt.controlPort()).dataPort(rt.dataPort())
        .workDir(rt.workDir().toAbsolutePath()).cancelGracePeriod(rt.cancelGracePeriod())
        .controlPlaneAddress(config.controlPlane().address()).retryInterval(config.controlPlane().retryInterval())
        .httpUrl("http://" + rt.host() + ":" + httpPort());
    config.checkpoints().directory().ifPresent(d -> settings.checkpointsDirectory(d.toAbsolutePath()));
    taskMeters = new TaskMeters(meterRegistry, runtimeId);
    try {
      node = new TaskRuntimeNode(settings.build(), taskMeters, Tracing.of(openTelemetry)).start();
    } catch (IOException e) {
      throw new UncheckedIOException("task runtime could not start its gRPC servers", e);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    TaskRuntimeNode n = node;
    if (n != null) {
      n.close();
    }
    TaskMeters m = taskMeters;
    if (m != null) {
      m.close();
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
