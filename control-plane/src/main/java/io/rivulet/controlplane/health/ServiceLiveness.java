package io.rivulet.controlplane.health;

import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.cluster.ClusterHandle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while it can answer and, in cluster mode, while its core loop runs: the monitor that expires silent task
 * runtimes shares the job masters' scheduler, so a scheduler that stopped (or is stuck) shows here. The limit is
 * generous (a job master may hold a scheduler thread while it waits for slots). A stuck request thread pool shows as
 * a failing probe; bad requests never make the service unhealthy.
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {
  /** The monitor may be silent this long at least before the service counts as stuck. */
  static final long MIN_SILENCE_MILLIS = 120_000;

  private final JobService jobs;
  private final long started = System.currentTimeMillis();

  public ServiceLiveness(JobService jobs) {
    this.jobs = jobs;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("control-plane");
    if (jobs.unwrap() instanceof ClusterHandle cluster) {
      long lastRun = Math.max(started, cluster.runtimes().lastMonitorRun());
      long silent = System.currentTimeMillis() - lastRun;
      long limit = Math.max(MIN_SILENCE_MILLIS, 20 * cluster.monitorPeriodMillis());
      return response.status(silent <= limit).withData("heartbeatMonitorSilentMillis", silent)
          .withData("limitMillis", limit).build();
    }
    return response.up().build();
  }
}
