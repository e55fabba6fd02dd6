package io.rivulet.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.rivulet.runtime.cluster.RuntimeRegistry;

/** Gauges of the control plane in cluster mode: registered task runtimes and their slots. */
public final class ClusterMeters {
  private ClusterMeters() {}

  public static void bind(MeterRegistry registry, RuntimeRegistry runtimes) {
    Gauge.builder("rivulet.cluster.runtimes", runtimes, r -> r.all().size())
        .description("task runtimes registered and heartbeating").strongReference(true).register(registry);
    Gauge.builder("rivulet.cluster.slots", runtimes, RuntimeRegistry::totalSlots)
        .description("task slots offered by the registered runtimes").strongReference(true).register(registry);
    Gauge.builder("rivulet.cluster.slots.free", runtimes, RuntimeRegistry::freeSlots)
        .description("task slots not allocated to jobs").strongReference(true).register(registry);
  }
}
