package io.rivulet.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.Types;
import io.rivulet.runtime.concurrent.ManualControlExecutor;
import io.rivulet.runtime.state.FileStateHandle;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints in the coordinator, driven by hand on a manual control executor (time moves only when the test says):
 * a fake gateway records triggers, the test acknowledges for every subtask with a real state file in the checkpoint
 * storage, as a task's I/O thread writes it. Metadata is written on the test's thread.
 */
class CheckpointCoordinatorSavepointTest {
  private static final String JOB = "abcdef0123456789";

  @TempDir
  Path dir;

  private JobGraph graph;
  private CheckpointStorage storage;
  private CheckpointCoordinator coordinator;
  private final List<Long> triggered = new ArrayList<>();
  private final List<Long> completedNotified = new ArrayList<>();
  private final ManualControlExecutor control = new ManualControlExecutor();

  @BeforeEach
  void setUp() {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    env.fromSequence(0, 9).keyBy(i -> i % 4, Types.LONG).map(i -> i, Types.LONG)
        .sinkTo(new DiscardingSink<>());
    graph = env.jobGraph("savepoints");
    storage = new CheckpointStorage(dir.resolve("checkpoints").resolve(JOB));
    coordinator = new CheckpointCoordinator(JOB, graph, storage, 1, 60_000, control, Runnable::run);
    run(() -> {
      coordinator.newAttempt(0, new CheckpointCoordinator.TaskGateway() {
        @Override
        public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
          if (!triggered.contains(checkpointId)) {
            triggered.add(checkpointId);
          }
        }

        @Override
        public void notifyCheckpoint(long checkpointId, boolean completed) {
          if (completed) {
            completedNotified.add(checkpointId);
          }
        }
      });
      coordinator.setTasksRunning(true);
    });
  }

  /** Runs {@code step} on the control executor, and whatever it queues there. */
  private void run(Runnable step) {
    control.execute(step);
    control.runAll();
  }

  /** Calls the coordinator on its control executor and returns what it returned. */
  private <T> T on(Supplier<T> call) {
    CompletableFuture<T> result = control.call(call);
    control.runAll();
    return result.join();
  }

  @Test
  void aSavepointIsSelfContainedInItsOwnDirectoryAndStillLoadsAfterAMove() throws Exception {
    CompletableFuture<CompletedCheckpoint> f = on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false));
    assertThat(triggered).containsExactly(1L);
    acknowledgeAll(1);

    CompletedCheckpoint sp = f.get(5, TimeUnit.SECONDS);
    Path spDir = dir.resolve("sp").resolve("savepoint-abcdef-1");
    assertThat(sp.savepoint()).isTrue();
    assertThat(Path.of(sp.directory())).isEqualTo(spDir.toAbsolutePath());
    assertThat(spDir.resolve(CheckpointStorage.METADATA)).exists();
    assertThat(storage.checkpointDirectory(1)).as("the staging directory is gone").doesNotExist();
    assertThat(completedNotified).as("sinks commit on a savepoint too").contains(1L);
    assertThat(coordinator.latest()).as("a savepoint is no restore point of the running job").isEmpty();
    for (KeyGroupsStateHandle h : keyedHandles(sp)) {
      assertThat(Path.of(((FileStateHandle) h.data()).path())).startsWith(spDir.toAbsolutePath()).exists();
    }

    Path moved = Files.move(spDir, dir.resolve("elsewhere"));
    CompletedCheckpoint loaded = CheckpointStorage.load(moved);
    assertThat(loaded.savepoint()).isTrue();
    assertThat(loaded.id()).isEqualTo(1);
    List<String> contents = new ArrayList<>();
    for (KeyGroupsStateHandle h : keyedHandles(loaded)) {
      assertThat(((FileStateHandle) h.data()).path()).startsWith(moved.toAbsolutePath().toString());
      try (InputStream in = h.data().open()) {
        contents.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(contents).hasSize(keyedHandles(sp).size()).allMatch(s -> s.startsWith("state of chk 1"));
  }

  @Test
  void retentionDeletesOldCheckpointsButNeverASavepoint() throws Exception {
    complete(on(() -> coordinator.triggerCheckpoint()), 1);
    CompletedCheckpoint sp = complete(on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false)), 2);
    complete(on(() -> coordinator.triggerCheckpoint()), 3);
    complete(on(() -> coordinator.triggerCheckpoint()), 4);

    assertThat(storage.checkpointDirectory(1)).doesNotExist();
    assertThat(storage.checkpointDirectory(3)).doesNotExist();
    assertThat(storage.checkpointDirectory(4).resolve(CheckpointStorage.METADATA)).exists();
    assertThat(coordinator.latest()).get().extracting(CompletedCheckpoint::id).isEqualTo(4L);
    assertThat(Path.of(sp.directory()).resolve(CheckpointStorage.METADATA)).exists();
    for (KeyGroupsStateHandle h : keyedHandles(sp)) {
      assertThat(Path.of(((FileStateHandle) h.data()).path())).exists();
    }
  }

  @Test
  void aSavepointRequestedDuringACheckpointStartsRightAfterIt() throws Exception {
    CompletableFuture<CompletedCheckpoint> checkpoint = on(() -> coordinator.triggerCheckpoint());
    CompletableFuture<CompletedCheckpoint> savepoint = on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false));
    assertThat(triggered).containsExactly(1L);
    assertThat(coordinator.inProgress()).isEqualTo(2);
    assertThat(on(() -> coordinator.triggerCheckpoint())).as("a periodic trigger does not overtake the waiting savepoint")
        .isSameAs(checkpoint);

    acknowledgeAll(1);
    assertThat(checkpoint.get(5, TimeUnit.SECONDS).savepoint()).isFalse();
    assertThat(triggered).containsExactly(1L, 2L);
    assertThat(savepoint).isNotDone();
    acknowledgeAll(2);
    assertThat(savepoint.get(5, TimeUnit.SECONDS).savepoint()).isTrue();
    assertThat(coordinator.inProgress()).isZero();
  }

  @Test
  void onlyOneSavepointAtATime() {
    on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false));
    assertThatThrownBy(() -> on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false)).get())
        .hasMessageContaining("another savepoint is in progress");
  }

  @Test
  void noSavepointBeforeEveryTaskRuns() {
    run(() -> coordinator.setTasksRunning(false));
    assertThatThrownBy(() -> on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false)).get())
        .hasMessageContaining("not all tasks are running");
  }

  @Test
  void stopWithSavepointHaltsPeriodicCheckpointsUnlessTheSavepointFails() throws Exception {
    run(() -> coordinator.startPeriodic(3_600_000)); // the clock never gets there: only whether it is armed matters
    CompletableFuture<CompletedCheckpoint> stop = on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), true));
    assertThatThrownBy(() -> on(() -> coordinator.triggerCheckpoint()).get()).hasMessageContaining("stopping");

    run(() -> coordinator.decline(new SubtaskId(graph.vertices().get(0).id(), 0), 0, 1, "test"));
    assertThatThrownBy(() -> stop.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("declined");
    CompletableFuture<CompletedCheckpoint> next = on(() -> coordinator.triggerCheckpoint());
    assertThat(next).as("checkpoints go on after a failed stop").isNotCompletedExceptionally();
    assertThat(triggered).containsExactly(1L, 2L);

    acknowledgeAll(2);
    next.get(5, TimeUnit.SECONDS);
    CompletableFuture<CompletedCheckpoint> stop2 = on(() -> coordinator.triggerSavepoint(dir.resolve("sp"), true));
    acknowledgeAll(3);
    assertThat(stop2.get(5, TimeUnit.SECONDS).savepoint()).isTrue();
    assertThatThrownBy(() -> on(() -> coordinator.triggerCheckpoint()).get()).as("after the final savepoint nothing commits")
        .hasMessageContaining("stopping");
  }

  @Test
  void aStopWhoseSavepointIsNeverAcknowledgedTimesOutAndTheJobGoesOn() throws Exception {
    CheckpointCoordinator quick = new CheckpointCoordinator(JOB, graph, storage, 1, 100, control, Runnable::run);
    List<Long> triggers = new ArrayList<>();
    run(() -> {
      quick.newAttempt(0, new CheckpointCoordinator.TaskGateway() {
        @Override
        public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
          if (!triggers.contains(checkpointId)) {
            triggers.add(checkpointId);
          }
        }

        @Override
        public void notifyCheckpoint(long checkpointId, boolean completed) {}
      });
      quick.setTasksRunning(true);
    });
    CompletableFuture<CompletedCheckpoint> stop = on(() -> quick.triggerSavepoint(dir.resolve("sp"), true));
    run(() -> quick.startPeriodic(20)); // it triggers nothing while stopping
    control.advance(99);
    assertThat(stop).as("the timeout has not passed").isNotDone();
    control.advance(2);
    assertThatThrownBy(() -> stop.get()).hasMessageContaining("not acknowledged within 100 ms");
    control.advance(20); // the next periodic tick
    assertThat(triggers).as("periodic checkpoints again after the failed stop").containsExactly(1L, 2L);
    run(quick::stopPeriodic);
  }

  @Test
  void anUnwritableTargetFailsTheSavepointAndLeavesNothingBehind() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    CompletableFuture<CompletedCheckpoint> f = on(() -> coordinator.triggerSavepoint(file, false));
    acknowledgeAll(1);
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasMessageContaining("could not be written");
    assertThat(storage.checkpointDirectory(1)).doesNotExist();
    assertThat(coordinator.abortedCount()).isEqualTo(1);
    CompletableFuture<CompletedCheckpoint> next = on(() -> coordinator.triggerCheckpoint());
    acknowledgeAll(2);
    assertThat(next.get(5, TimeUnit.SECONDS).id()).isEqualTo(2);
  }

  private CompletedCheckpoint complete(CompletableFuture<CompletedCheckpoint> f, long id) throws Exception {
    acknowledgeAll(id);
    return f.get(5, TimeUnit.SECONDS);
  }

  /** Every subtask acknowledges; operators of keyed vertices with a state file, as a task writes it. */
  private void acknowledgeAll(long checkpointId) throws IOException {
    for (JobVertex v : graph.vertices()) {
      for (int i = 0; i < v.parallelism(); i++) {
        Map<String, OperatorSubtaskState> ops = new HashMap<>();
        for (StreamNode n : v.operators()) {
          Path chk = Files.createDirectories(storage.checkpointDirectory(checkpointId));
          Path file = Files.writeString(chk.resolve(n.uid().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + i + ".keyed"),
              "state of chk " + checkpointId + " " + n.uid() + " " + i);
          KeyGroupRange range = new KeyGroupRange(i * 64, i * 64 + 63);
          ops.put(n.uid(), new OperatorSubtaskState(Map.of("pos", new byte[] {(byte) i}),
              new KeyGroupsStateHandle(new FileStateHandle(file.toString(), Files.size(file)), range, new long[64])));
        }
        SubtaskId id = new SubtaskId(v.id(), i);
        run(() -> coordinator.acknowledge(id, 0, checkpointId, new TaskStateSnapshot(ops)));
      }
    }
  }

  private static List<KeyGroupsStateHandle> keyedHandles(CompletedCheckpoint c) {
    List<KeyGroupsStateHandle> list = new ArrayList<>();
    c.operators().values().forEach(o -> o.subtasks().values().forEach(s -> {
      if (s.keyedState() != null) {
        list.add(s.keyedState());
      }
    }));
    return list;
  }
}
