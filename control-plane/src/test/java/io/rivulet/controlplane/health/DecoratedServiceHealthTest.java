package io.rivulet.controlplane.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.SchemaCheckingJobService;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import io.rivulet.controlplane.support.EmbeddedServices;
import io.rivulet.registry.RegistryClient;
import io.rivulet.registry.SchemaRegistration;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a schema registry configured the job service is decorated; health checks must still see the service
 * underneath (looking at the decorator, the readiness check called a cluster "embedded" and the liveness check
 * skipped the heartbeat monitor).
 */
class DecoratedServiceHealthTest {
  @TempDir
  Path dir;
  private DispatcherJobService embedded;

  @AfterEach
  void stop() {
    if (embedded != null) {
      embedded.close();
    }
  }

  @Test
  void healthChecksLookThroughTheSchemaRegistrationDecorator() {
    embedded = EmbeddedServices.jobService(dir, 3).start();
    // the registry is never called: no job is submitted
    JobService decorated = new SchemaCheckingJobService(embedded,
        new SchemaRegistration(new RegistryClient("http://127.0.0.1:1"), "BACKWARD", Map.of()));

    assertThat(decorated.unwrap()).isSameAs(embedded);
    HealthCheckResponse ready = new TaskRuntimesReadiness(decorated).call();
    assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    // the embedded runtime registers in the background, through the same endpoint as runtime processes
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
        .until(() -> decorated.overview().slotsTotal() == 3);
    assertThat(new TaskRuntimesReadiness(decorated).call().getData().orElseThrow()).containsEntry("mode", "embedded")
        .containsEntry("slots", 3L);
  }
}
