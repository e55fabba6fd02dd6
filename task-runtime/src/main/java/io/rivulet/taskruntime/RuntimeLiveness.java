package io.rivulet.taskruntime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the runtime's core loops are: both gRPC servers serve and the registration loop keeps registering or
 * heartbeating (whether the control plane answers or not: an unreachable control plane makes the runtime unready,
 * not dead). A stuck loop fails the probe, so that the orchestrator restarts the pod.
 */
@Liveness
@ApplicationScoped
public class RuntimeLiveness implements HealthCheck {
  private final RuntimeHost host;

  public RuntimeLiveness(RuntimeHost host) {
    this.host = host;
  }

  @Override
  public HealthCheckResponse call() {
    TaskRuntimeNode node = host.node();
    if (node == null) {
      return HealthCheckResponse.named("task-runtime").down().withData("reason", "starting").build();
    }
    return HealthCheckResponse.named("task-runtime").status(node.isAlive()).withData("loops", node.liveness())
        .withData("tasks", node.deployments().taskCount()).build();
  }
}
