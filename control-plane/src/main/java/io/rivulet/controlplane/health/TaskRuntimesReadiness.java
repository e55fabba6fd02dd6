package io.rivulet.controlplane.health;

import io.rivulet.controlplane.jobs.ClusterOverview;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * How many task runtimes are registered and how many slots they offer. Always UP: a control plane without runtimes
 * still accepts jobs (they wait for slots up to {@code rivulet.cluster.slot-timeout}), so runtimes coming and going
 * must not take it out of its Service; the numbers are for operators and probes' logs.
 */
@Readiness
@ApplicationScoped
public class TaskRuntimesReadiness implements HealthCheck {
  private final JobService jobs;

  public TaskRuntimesReadiness(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public HealthCheckResponse call() {
    ClusterOverview o = jobs.overview();
    return HealthCheckResponse.named("task-runtimes").up()
        .withData("mode", jobs.unwrap() instanceof DispatcherJobService d && d.isEmbedded() ? "embedded" : "cluster")
        .withData("registered", o.taskManagers())
        .withData("slots", o.slotsTotal())
        .withData("freeSlots", o.slotsAvailable())
        .build();
  }
}
