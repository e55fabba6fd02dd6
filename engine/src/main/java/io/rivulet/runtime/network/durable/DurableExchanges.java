package io.rivulet.runtime.network.durable;

import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the {@link DurableExchangeProvider} on the class path that loaded the engine, once per JVM. Absent when no
 * module provides one: jobs without DURABLE edges do not care, a job with one fails at deployment with {@link
 * #require}'s message.
 */
public final class DurableExchanges {
  /** The module that provides the DURABLE exchange, named in the error when it is missing. */
  public static final String MODULE = "io.rivulet:rivulet-kafka-exchange";
  /** Set on first use (under the class's lock); the class path of a process does not change. */
  private static Optional<DurableExchangeProvider> provider;

  private DurableExchanges() {}

  public static boolean isDurable(JobEdge edge) {
    return edge.exchange() == Exchange.DURABLE;
  }

  /** True if the job has a DURABLE edge. */
  public static boolean hasDurableEdges(JobGraph graph) {
    return graph.edges().stream().anyMatch(DurableExchanges::isDurable);
  }

  /** The provider on the class path, if any. */
  public static Optional<DurableExchangeProvider> find() {
    return loaded();
  }

  /** The provider, or an error naming the job's DURABLE edges and the module to put on the class path. */
  public static DurableExchangeProvider require(JobGraph graph) {
    return loaded().orElseThrow(() -> new IllegalStateException("job '" + graph.jobName() + "' has DURABLE edges ("
        + graph.edges().stream().filter(DurableExchanges::isDurable).map(e -> String.valueOf(e.id()))
            .collect(Collectors.joining(", "))
        + "), but this process has no DURABLE exchange: put the module " + MODULE + " on its class path"));
  }

  /** Loads with the engine's class loader, not a job's: the exchange belongs to the process. */
  private static synchronized Optional<DurableExchangeProvider> loaded() {
    if (provider == null) {
      List<DurableExchangeProvider> found = ServiceLoader.load(DurableExchangeProvider.class,
          DurableExchangeProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
      if (found.size() > 1) { // not cached: every deployment names the conflict
        throw new IllegalStateException("more than one DURABLE exchange on the class path: " + found.stream()
            .map(p -> p.getClass().getName()).collect(Collectors.joining(", ")) + "; keep one");
      }
      provider = found.stream().findFirst();
    }
    return provider;
  }
}
