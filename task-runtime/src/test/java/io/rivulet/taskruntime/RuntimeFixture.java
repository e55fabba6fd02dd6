package io.rivulet.taskruntime;

import io.rivulet.runtime.taskexecutor.RuntimeSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fake control plane and real task runtime nodes talking to it over loopback gRPC, for tests of the
 * deployment path; drives the runtimes the way a job master does. Close it after each test.
 */
final class RuntimeFixture implements AutoCloseable {
  /** A bound for what is sure to happen: a test waits that long only if something is broken. */
  static final Duration LONG_ENOUGH = Duration.ofSeconds(120);

  final FakeControlPlane controlPlane;
  private final Path work;
  private final List<TaskRuntimeNode> nodes = new ArrayList<>();

  RuntimeFixture(Path work) throws Exception {
    this.work = work;
    this.controlPlane = FakeControlPlane.start();
  }

  /**
   * A started node; registration runs in the background. Its close waits as long as it takes for the tasks to end
   * and their reports to go out (it returns once they did), so a test can check them right after it.
   */
  TaskRuntimeNode node(String id, String controlPlaneAddress) throws Exception {
    TaskRuntimeNode node = new TaskRuntimeNode(RuntimeSettings.builder().runtimeId(id)
        .controlPlaneAddress(controlPlaneAddress).workDir(work.resolve(id)).retryInterval(Duration.ofMillis(100))
        .cancelGracePeriod(Duration.ofSeconds(2)).closeTimeout(LONG_ENOUGH).build()).start();
    nodes.add(node);
    return node;
  }

  TaskRuntimeNode registeredNode(String id) throws Exception {
    TaskRuntimeNode node = node(id, controlPlane.address());
    await().atMost(LONG_ENOUGH).until(node::isRegistered);
    return node;
  }

  /** Sends every request of the plan; each must be accepted. */
  void deploy(DeployPlan plan) {
    for (Map.Entry<TaskRuntimeNode, DeployRequest> e : plan.requests().entrySet()) {
      Ack ack = controlPlane.runtime(e.getKey().id()).deploy(e.getValue());
      assertThat(ack.getOk()).as(ack.getMessage()).isTrue();
    }
  }

  static JobRef ref(String jobId) {
    return JobRef.newBuilder().setJobId(jobId).setAttempt(0).build();
  }

  /** Every attempt on these nodes ended and released its channels. */
  static void awaitEnded(TaskRuntimeNode... nodes) {
    for (TaskRuntimeNode n : nodes) {
      await().atMost(LONG_ENOUGH).until(() -> n.deployments().attempts().isEmpty());
      assertThat(n.dataExchange().registry().waiting()).as("waiting channels of " + n.id() + " released").isZero();
      assertThat(n.dataExchange().registry().bound()).as("open input channels of " + n.id() + " released").isZero();
    }
  }

  @Override
  public void close() {
    nodes.forEach(TaskRuntimeNode::close);
    controlPlane.close();
  }
}
