package io.rivulet.controlplane.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;
import io.rivulet.controlplane.jars.JarRunner;
import io.rivulet.controlplane.jars.JarStore;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.embedded.EmbeddedJobService;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.BuiltInRegistry;
import io.rivulet.controlplane.spec.SpecCompiler;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.runtime.execution.LocalExecutor;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Wires the plain-Java services from configuration. The job service is chosen by {@code rivulet.execution}: the
 * cluster implementation plugs in here, behind the same {@link JobService} interface.
 */
public class ServiceProducers {

  @Produces
  @Singleton
  JobStore jobStore(RivuletConfig config, ObjectMapper json) {
    return new JobStore(config.data().directory().resolve("jobs"), json);
  }

  @Produces
  @Singleton
  @Startup // load the job store when the service starts, not on the first request
  JobService jobService(RivuletConfig config, JobStore store) {
    return switch (config.execution()) {
      case embedded -> new EmbeddedJobService(store, new LocalExecutor(), config.embedded().slots(),
          System::currentTimeMillis).start();
      case cluster -> throw new IllegalStateException("rivulet.execution=cluster: the cluster job service (task"
          + " runtimes over gRPC) is not part of this build yet; use rivulet.execution=embedded");
    };
  }

  void closeJobService(@Disposes JobService service) throws Exception {
    if (service instanceof AutoCloseable c) {
      c.close();
    }
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
