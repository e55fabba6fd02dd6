package io.rivulet.controlplane.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.runtime.dispatcher.Dispatcher;
import io.rivulet.runtime.jobmaster.JarLocation;
import io.rivulet.runtime.metrics.TaskObserver;
import java.nio.file.Path;

/** The control plane's job service outside Quarkus, as the embedded mode wires it: for tests of the service itself. */
public final class EmbeddedServices {
  private EmbeddedServices() {}

  /** A job service over {@code <dir>/jobs} whose dispatcher runs a task runtime with {@code slots} slots here. */
  public static DispatcherJobService jobService(Path dir, int slots) {
    Dispatcher dispatcher = Dispatcher.builder().checkpointRoot(dir.resolve("checkpoints"))
        .embeddedRuntime("embedded", slots, EmbeddedServices.class.getClassLoader(), TaskObserver.NONE)
        .embeddedWorkDir(dir.resolve("runtime")).build();
    return new DispatcherJobService(new JobStore(dir.resolve("jobs"), new ObjectMapper()), dispatcher,
        (origin, code) -> JarLocation.NONE, System::currentTimeMillis, () -> {});
  }
}
