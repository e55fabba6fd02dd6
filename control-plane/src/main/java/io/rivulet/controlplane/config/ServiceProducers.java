package io.rivulet.controlplane.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.rivulet.controlplane.jars.JarRunner;
import io.rivulet.controlplane.jars.JarStore;
import io.rivulet.controlplane.jobs.ClusterEndpointServer;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.BuiltInRegistry;
import io.rivulet.controlplane.spec.SpecCompiler;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.observability.ClusterMeters;
import io.rivulet.observability.JobMeters;
import io.rivulet.observability.TaskMeters;
import io.rivulet.runtime.dispatcher.Dispatcher;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.tracing.Tracing;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Wires the plain-Java services from configuration: one job service over the engine's dispatcher in both modes
 * ({@code rivulet.execution} only says whether a task runtime runs in this JVM).
 */
public class ServiceProducers {
  private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ServiceProducers.class);


  @Produces
  @Singleton
  JobStore jobStore(RivuletConfig config, ObjectMapper json) {
    return new JobStore(config.data().directory().resolve("jobs"), json);
  }

  /** Meters of the tasks this JVM runs (embedded mode); its sampler thread stops with the application. */
  @Produces
  @Singleton
  TaskMeters taskMeters(MeterRegistry registry) {
    return new TaskMeters(registry, "embedded");
  }

  void closeTaskMeters(@Disposes TaskMeters meters) {
    meters.close();
  }

  @Produces
  @Singleton
  @Startup // load the job store when the service starts, not on the first request
  JobService jobService(RivuletConfig config, RegistryConfig registry, JobStore store, JarStore jarStore,
      MeterRegistry meters, TaskMeters taskMeters, OpenTelemetry openTelemetry) {
    // DURABLE exchanges and Kafka sinks that name no cluster read this JVM-wide default (the embedded runtime's
    // tasks, and the clean-up of a job's topics)
    config.kafka().bootstrap().filter(b -> !b.isBlank())
        .ifPresent(b -> System.setProperty(io.rivulet.api.config.JobConfig.KAFKA_BOOTSTRAP_PROPERTY, b));
    return withSchemaRegistration(dispatch(config, store, jarStore, meters, taskMeters, Tracing.of(openTelemetry)),
        registry);
  }

  /** With a registry configured, jobs register the schemas they write at submission (incompatible ones: 400). */
  private static JobService withSchemaRegistration(JobService service, RegistryConfig registry) {
    if (registry.url().isEmpty()) {
      return service;
    }
    LOG.infof("schemas are registered with %s at submission (default rule %s)", registry.url().get(),
        registry.compatibility());
    return new io.rivulet.controlplane.jobs.SchemaCheckingJobService(service,
        new io.rivulet.registry.SchemaRegistration(new io.rivulet.registry.RegistryClient(registry.url().get()),
            registry.compatibility(), registry.subjects()));
  }

  /**
   * The engine's dispatcher (runtime registry, job masters) and the gRPC server runtimes talk to. In embedded mode the
   * dispatcher also runs a task runtime in this JVM, which jobs use like any other (and runtime processes may still
   * join); that is the only difference between the modes.
   */
  private static JobService dispatch(RivuletConfig config, JobStore store, JarStore jarStore, MeterRegistry meters,
      TaskMeters taskMeters, Tracing tracing) {
    var c = config.cluster();
    boolean embedded = config.execution() == RivuletConfig.Execution.embedded;
    Dispatcher.Builder builder = Dispatcher.builder().checkpointRoot(config.checkpoints().directory().toAbsolutePath())
        .heartbeatInterval(c.heartbeatInterval()).heartbeatTimeout(c.heartbeatTimeout()).slotTimeout(c.slotTimeout())
        .tracing(tracing);
    if (embedded) {
      // a fresh id per process: a restarted control plane's runtime is a new one (as a restarted runtime process is)
      String runtimeId = "embedded-" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      builder.embeddedRuntime(runtimeId, config.embedded().slots(), ServiceProducers.class.getClassLoader(),
          taskMeters).embeddedWorkDir(config.data().directory().toAbsolutePath().resolve("runtime"));
    }
    Dispatcher dispatcher = builder.build();
    ClusterMeters.bind(meters, dispatcher.registry());
    ClusterEndpointServer server = new ClusterEndpointServer(c.grpcHost(), c.grpcPort(), dispatcher.endpoint(),
        tracing);
    String base = c.advertisedUrl().replaceAll("/+$", "");
    DispatcherJobService service = new DispatcherJobService(store, dispatcher, (origin, code) -> {
      String jarId = origin instanceof JobOrigin.Jar jar ? jar.jarId()
          : origin instanceof JobOrigin.Graph graph ? graph.jarId() : null;
      if (jarId == null) {
        return JarLocation.NONE;
      }
      // the runtime in this JVM reads the JAR store; runtime processes download it from this service
      String url = embedded ? jarStore.path(jarId).toUri().toString() : base + "/v1/jars/" + jarId + "/content";
      return new JarLocation(url, jarStore.sha256(jarId));
    }, System::currentTimeMillis, server::close).observeJobs(new JobMeters(meters)).start();
    LOG.infof("%s mode: task runtimes register on gRPC port %d", embedded ? "embedded (a task runtime in this"
        + " JVM with " + config.embedded().slots() + " slots)" : "cluster", server.port());
    return service;
  }

  void closeJobService(@Disposes JobService service) throws Exception {
    if (service instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Produces
  @Singleton
  io.rivulet.controlplane.jobs.SavepointTriggers savepointTriggers(JobService jobs, RivuletConfig config) {
    return new io.rivulet.controlplane.jobs.SavepointTriggers(jobs,
        config.savepoints().directory().map(p -> p.toAbsolutePath()));
  }

  @Produces
  @Singleton
  JobDefaults jobDefaults(RivuletConfig config) {
    return new JobDefaults(config.checkpoints().directory().toAbsolutePath().toString());
  }

  @Produces
  @Singleton
  JarStore jarStore(RivuletConfig config) {
    return new JarStore(config.jars().directory(), config.jars().maxSize().asLongValue());
  }

  @Produces
  @Singleton
  JarRunner jarRunner(RivuletConfig config, JarStore jars, JobDefaults defaults) {
    return new JarRunner(jars, defaults, config.jars().mainTimeout());
  }

  @Produces
  @Singleton
  BuiltInRegistry builtIns(@All List<BuiltIn> builtIns) {
    return new BuiltInRegistry(builtIns);
  }

  @Produces
  @Singleton
  SpecCompiler specCompiler(BuiltInRegistry registry, ObjectMapper json, JobDefaults defaults) {
    return new SpecCompiler(registry, json, defaults);
  }
}
