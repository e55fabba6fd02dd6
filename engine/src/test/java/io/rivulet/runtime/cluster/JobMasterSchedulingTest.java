package io.rivulet.runtime.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slot allocation: spread over runtimes, and a job that cannot get its slots fails with the reason. */
class JobMasterSchedulingTest {
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final RuntimeRegistry registry = new RuntimeRegistry(60_000);

  @TempDir
  Path checkpoints;

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    registry.close();
  }

  private static JobGraph job(int parallelism) {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(parallelism);
    env.fromSequence(0, 9).rebalance().sinkTo(new DiscardingSink<>());
    return env.jobGraph("needs " + parallelism);
  }

  @Test
  void jobWithoutEnoughSlotsFailsAfterTheTimeoutNamingWhatIsMissing() throws Exception {
    registry.register(new RuntimeInfo("rt-1", "127.0.0.1", 1, 2, 2, ""));
    JobMaster master = new JobMaster("job-1", job(3), JarLocation.NONE, registry, scheduler, checkpoints, 300, null);
    master.start();
    // the slot timeout (300 ms) is sure to pass; the bound only ends a test that is broken
    assertThat(master.termination().get(120, TimeUnit.SECONDS)).isEqualTo(JobStatus.FAILED);
    assertThat(master.failures()).singleElement().satisfies(f -> assertThat(f.message())
        .contains("needs 3").contains("2 free of 2").contains("1 task runtimes").contains("start more task runtimes"));
    assertThat(registry.freeSlots()).as("nothing stays allocated").isEqualTo(2);
  }

  @Test
  void slotsAreSpreadOverRuntimes() {
    registry.register(new RuntimeInfo("a", "127.0.0.1", 1, 2, 4, ""));
    registry.register(new RuntimeInfo("b", "127.0.0.1", 3, 4, 4, ""));
    SlotAssignment s = registry.allocate("j", 4).orElseThrow();
    assertThat(s.slots()).extracting(RuntimeInfo::id).containsExactlyInAnyOrder("a", "a", "b", "b");
    assertThat(s.runtimeForSubtask(0).id()).isNotEqualTo(s.runtimeForSubtask(1).id());
    assertThat(registry.freeSlots()).isEqualTo(4);
    assertThat(registry.allocate("k", 5)).as("not enough: nothing is taken").isEmpty();
    registry.release("j");
    assertThat(registry.freeSlots()).isEqualTo(8);
  }

  @Test
  void aRuntimeSilentPastTheTimeoutIsLost() throws Exception {
    // the registry's clock is the test's: silence is measured exactly, however slowly the test runs
    AtomicLong now = new AtomicLong(1_000_000);
    RuntimeRegistry shortLived = new RuntimeRegistry(50, Tracing.noop(), now::get);
    java.util.List<String> lost = new java.util.concurrent.CopyOnWriteArrayList<>();
    shortLived.onRuntimeLost(r -> lost.add(r.id()));
    shortLived.register(new RuntimeInfo("quiet", "127.0.0.1", 1, 2, 1, ""));
    shortLived.register(new RuntimeInfo("chatty", "127.0.0.1", 3, 4, 1, ""));
    now.addAndGet(30);
    assertThat(shortLived.heartbeat("chatty", java.util.List.of())).isTrue();
    now.addAndGet(20);
    shortLived.expire();
    assertThat(lost).as("quiet for exactly the timeout: not yet lost").isEmpty();
    now.addAndGet(1);
    shortLived.expire();
    assertThat(lost).as("quiet for 51 ms, chatty heartbeated 21 ms ago").containsExactly("quiet");
    assertThat(shortLived.heartbeat("chatty", java.util.List.of())).as("still known").isTrue();
    assertThat(shortLived.heartbeat("quiet", java.util.List.of())).as("it must register again").isFalse();
    shortLived.close();
  }
}
