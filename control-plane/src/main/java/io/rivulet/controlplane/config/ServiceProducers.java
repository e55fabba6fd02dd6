package io.rivulet.controlplane.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.rivulet.controlplane.jars.JarRunner;
import io.rivulet.controlplane.jars.JarStore;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.cluster.ClusterEndpointServer;
import io.rivulet.controlplane.jobs.cluster.ClusterHandle;
import io.rivulet.controlplane.jobs.cluster.ClusterJobService;
import io.rivulet.controlplane.jobs.embedded.EmbeddedJobService;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.BuiltInRegistry;
import io.rivulet.controlplane.spec.SpecCompiler;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.observability.ClusterMeters;
import io.rivulet.observability.JobMeters;
import io.rivulet.observability.TaskMeters;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.tracing.Tracing;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Wires the plain-Java services from configuration. The job service is chosen by {@code rivulet.execution}: the
 * cluster implementation plugs in here, behind the same {@link JobService} interface.
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
    // embedded jobs' DURABLE exchanges and Kafka sinks that name no cluster read this JVM-wide default
    config.kafka().bootstrap().filter(b -> !b.isBlank())
        .ifPresent(b -> System.setProperty(io.rivulet.api.JobConfig.KAFKA_BOOTSTRAP_PROPERTY, b));
    JobMeters jobMeters = new JobMeters(meters);
    JobService service = switch (config.execution()) {
      case embedded -> new EmbeddedJobService(store, new LocalExecutor(taskMeters, jobMeters), config.embedded().slots(),
          System::currentTimeMillis).start();
      case cluster -> cluster(config, store, jarStore, meters, jobMeters, Tracing.of(openTelemetry));
    };
    return withSchemaRegistration(service, registry);
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

  /** The cluster mode: job masters, the runtime registry, and the gRPC server runtimes talk to. */
  private JobService cluster(RivuletConfig config, JobStore store, JarStore jarStore, MeterRegistry meters,
      JobMeters jobMeters, Tracing tracing) {
    var c = config.cluster();
    java.util.concurrent.ScheduledThreadPoolExecutor scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(2,
        r -> {
          Thread t = new Thread(r, "rivulet-job-master");
          t.setDaemon(true);
          return t;
        });
    scheduler.setRemoveOnCancelPolicy(true);
    io.rivulet.runtime.cluster.RuntimeRegistry registry =
        new io.rivulet.runtime.cluster.RuntimeRegistry(c.heartbeatTimeout().toMillis(), tracing);
    ClusterMeters.bind(meters, registry);
    String base = c.advertisedUrl().replaceAll("/+$", "");
    ClusterJobService service = new ClusterJobService(store, registry, scheduler,
        config.checkpoints().directory().toAbsolutePath(), c.slotTimeout().toMillis(),
        (origin, code) -> {
          String jarId = origin instanceof io.rivulet.controlplane.jobs.JobOrigin.Jar jar ? jar.jarId()
              : origin instanceof io.rivulet.controlplane.jobs.JobOrigin.Graph graph ? graph.jarId() : null;
          return jarId == null ? io.rivulet.runtime.cluster.JarLocation.NONE
              : new io.rivulet.runtime.cluster.JarLocation(base + "/v1/jars/" + jarId + "/content",
                  jarStore.sha256(jarId));
        },
        System::currentTimeMillis).observeJobs(jobMeters).start();
    long monitorPeriod = Math.max(100, c.heartbeatInterval().toMillis());
    registry.startMonitor(scheduler, monitorPeriod);
    ClusterEndpointServer server = new ClusterEndpointServer(c.grpcHost(), c.grpcPort(),
        new io.rivulet.runtime.cluster.ControlPlaneEndpoint(registry, service::master, c.heartbeatInterval().toMillis()),
        tracing);
    LOG.infof("cluster mode: task runtimes register on gRPC port %d", server.port());
    return new ClusterHandle(service, registry, monitorPeriod, () -> {
      server.close();
      registry.close();
      scheduler.shutdownNow();
    });
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
