package io.rivulet.taskruntime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The basic gauges of a runtime on {@code /q/metrics}: its slots, the tasks it runs and whether it is
 * registered. Per-task metrics (records, back pressure, buffers) come later.
 */
@ApplicationScoped
public class RuntimeMetrics {
  void register(@Observes StartupEvent event, MeterRegistry registry, RuntimeHost host) {
    Gauge.builder("rivulet.runtime.slots", host, h -> h.node() == null ? 0 : h.node().settings().slots())
        .description("task slots this runtime offers").register(registry);
    Gauge.builder("rivulet.runtime.tasks", host, h -> h.node() == null ? 0 : h.node().deployments().taskCount())
        .description("subtasks deployed in this runtime").register(registry);
    Gauge.builder("rivulet.runtime.registered", host, h -> h.node() != null && h.node().isRegistered() ? 1 : 0)
        .description("1 when the control plane accepted this runtime").register(registry);
  }
}
