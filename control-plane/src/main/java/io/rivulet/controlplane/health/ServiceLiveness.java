package io.rivulet.controlplane.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while it can answer: a stuck request thread pool shows as a failing probe, not as this check's status.
 * Bad requests never make the service unhealthy.
 */
@Liveness
@ApplicationScoped
public class ServiceLiveness implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("control-plane");
  }
}
