package io.rivulet.taskruntime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the control plane accepted this runtime (and keeps accepting its heartbeats). */
@Readiness
@ApplicationScoped
public class RegistrationReadiness implements HealthCheck {
  private final RuntimeHost host;

  public RegistrationReadiness(RuntimeHost host) {
    this.host = host;
  }

  @Override
  public HealthCheckResponse call() {
    TaskRuntimeNode node = host.node();
    boolean registered = node != null && node.isRegistered();
    var response = HealthCheckResponse.named("control-plane registration").status(registered);
    if (node != null) {
      response.withData("runtime", node.id()).withData("controlPlane", node.settings().controlPlaneAddress());
    }
    return response.build();
  }
}
