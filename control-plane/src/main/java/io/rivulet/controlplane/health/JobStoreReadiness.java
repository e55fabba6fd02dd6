package io.rivulet.controlplane.health;

import io.rivulet.controlplane.jobs.JobService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the job store is loaded: before that, the job list would be wrong. */
@Readiness
@ApplicationScoped
public class JobStoreReadiness implements HealthCheck {
  @Inject
  JobService jobs;

  @Override
  public HealthCheckResponse call() {
    boolean ready = jobs.isReady();
    return HealthCheckResponse.named("job-store").status(ready)
        .withData("jobs", ready ? jobs.jobs().size() : 0).build();
  }
}
