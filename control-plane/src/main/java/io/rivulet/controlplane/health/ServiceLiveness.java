package io.rivulet.controlplane.health;

import io.rivulet.controlplane.config.RivuletConfig;
import io.rivulet.controlplane.jobs.DispatcherJobService;
import io.rivulet.controlplane.jobs.JobService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while it can answer and while its control threads run: the monitor that expires silent task runtimes runs on
 * the same small pool as the job masters, so a pool that stopped or is stuck shows here. Nothing on those threads
 * waits (slot requests, calls to runtimes and checkpoints are all futures), so the monitor runs every heartbeat
 * interval and the limit ({@code rivulet.cluster.liveness-timeout}, 10 s) can be short. A stuck request thread pool
 * shows as a failing probe; bad requests never make the service unhealthy.
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {
  private final JobService jobs;
  private final long limitMillis;
  private final long started = System.currentTimeMillis();

  public ServiceLiveness(JobService jobs, RivuletConfig config) {
    this.jobs = jobs;
    this.limitMillis = config.cluster().livenessTimeout().toMillis();
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("control-plane");
    if (jobs.unwrap() instanceof DispatcherJobService service) {
      long lastRun = Math.max(started, service.runtimes().lastMonitorRun());
      long silent = System.currentTimeMillis() - lastRun;
      long limit = Math.max(limitMillis, 3 * service.runtimes().monitorPeriodMillis());
      return response.status(silent <= limit).withData("heartbeatMonitorSilentMillis", silent)
          .withData("limitMillis", limit).build();
    }
    return response.up().build();
  }
}
