package io.rivulet.taskruntime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The basic gauges of a runtime on {@code /q/metrics}: its slots, the tasks it runs and whether it is
 * registered. Per-task meters ({@code rivulet_task_*}) are bound by {@link io.rivulet.observability.TaskMeters} as
 * tasks come and go.
 *
 * <p>The gauges are removed at shutdown: Micrometer's global registry outlives the application when it restarts in
 * the same JVM (tests), and a gauge left behind would read a stopped application.
 */
@ApplicationScoped
public class RuntimeMetrics {
  private volatile List<Meter> meters = List.of();
  private volatile MeterRegistry registry;

  void register(@Observes StartupEvent event, MeterRegistry registry, RuntimeHost host) {
    this.registry = registry;
    meters = List.of(
        Gauge.builder("rivulet.runtime.slots", host, h -> h.node() == null ? 0 : h.node().settings().slots())
            .description("task slots this runtime offers").register(registry),
        Gauge.builder("rivulet.runtime.tasks", host, h -> h.node() == null ? 0 : h.node().deployments().taskCount())
            .description("subtasks deployed in this runtime").register(registry),
        Gauge.builder("rivulet.runtime.registered", host, h -> h.node() != null && h.node().isRegistered() ? 1 : 0)
            .description("1 when the control plane accepted this runtime").register(registry));
  }

  void unregister(@Observes ShutdownEvent event) {
    MeterRegistry r = registry;
    if (r != null) {
      meters.forEach(r::remove);
    }
  }
}
