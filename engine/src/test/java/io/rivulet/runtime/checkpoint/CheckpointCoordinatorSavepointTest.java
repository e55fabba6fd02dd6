package io.rivulet.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobVertex;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.Types;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints in the coordinator, driven by hand: a fake gateway records triggers, the test acknowledges for every
 * subtask with a real state file in the checkpoint storage, as a task's I/O thread writes it.
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
  private ScheduledExecutorService timer;

  @BeforeEach
  void setUp() {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    env.fromSequence(0, 9).keyBy(i -> i % 4, Types.LONG).map(i -> i, Types.LONG)
        .sinkTo(new DiscardingSink<>());
    graph = env.jobGraph("savepoints");
    storage = new CheckpointStorage(dir.resolve("checkpoints").resolve(JOB));
    coordinator = new CheckpointCoordinator(JOB, graph, storage, 1, 60_000);
    coordinator.newAttempt(0, new CheckpointCoordinator.TaskGateway() {
      @Override
      public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
        if (!triggered.contains(checkpointId)) {
          triggered.add(checkpointId);
        }
      }

      @Override
      public void notifyCheckpointComplete(SubtaskId subtask, long checkpointId) {
        completedNotified.add(checkpointId);
      }

      @Override
      public void notifyCheckpointAborted(SubtaskId subtask, long checkpointId) {}
    });
    coordinator.setTasksRunning(true);
  }

  @AfterEach
  void tearDown() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  @Test
  void aSavepointIsSelfContainedInItsOwnDirectoryAndStillLoadsAfterAMove() throws Exception {
    CompletableFuture<CompletedCheckpoint> f = coordinator.triggerSavepoint(dir.resolve("sp"), false);
    assertThat(triggered).containsExactly(1L);
    acknowledgeAll(1);

    CompletedCheckpoint sp = f.get(120, TimeUnit.SECONDS);
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
    CompletedCheckpoint loaded = CheckpointStorage.load(moved, getClass().getClassLoader());
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
    complete(coordinator.triggerCheckpoint(), 1);
    CompletedCheckpoint sp = complete(coordinator.triggerSavepoint(dir.resolve("sp"), false), 2);
    complete(coordinator.triggerCheckpoint(), 3);
    complete(coordinator.triggerCheckpoint(), 4);

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
    CompletableFuture<CompletedCheckpoint> checkpoint = coordinator.triggerCheckpoint();
    CompletableFuture<CompletedCheckpoint> savepoint = coordinator.triggerSavepoint(dir.resolve("sp"), false);
    assertThat(triggered).containsExactly(1L);
    assertThat(coordinator.inProgress()).isEqualTo(2);
    assertThat(coordinator.triggerCheckpoint()).as("a periodic trigger does not overtake the waiting savepoint")
        .isSameAs(checkpoint);

    acknowledgeAll(1);
    assertThat(checkpoint.get(120, TimeUnit.SECONDS).savepoint()).isFalse();
    assertThat(triggered).containsExactly(1L, 2L);
    assertThat(savepoint).isNotDone();
    acknowledgeAll(2);
    assertThat(savepoint.get(120, TimeUnit.SECONDS).savepoint()).isTrue();
    assertThat(coordinator.inProgress()).isZero();
  }

  @Test
  void onlyOneSavepointAtATime() {
    coordinator.triggerSavepoint(dir.resolve("sp"), false);
    assertThatThrownBy(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false).get())
        .hasMessageContaining("another savepoint is in progress");
  }

  @Test
  void noSavepointBeforeEveryTaskRuns() {
    coordinator.setTasksRunning(false);
    assertThatThrownBy(() -> coordinator.triggerSavepoint(dir.resolve("sp"), false).get())
        .hasMessageContaining("not all tasks are running");
  }

  @Test
  void stopWithSavepointHaltsPeriodicCheckpointsUnlessTheSavepointFails() throws Exception {
    timer = new ScheduledThreadPoolExecutor(1);
    coordinator.startPeriodic(timer, 3_600_000); // never fires here: only whether it is armed matters
    CompletableFuture<CompletedCheckpoint> stop = coordinator.triggerSavepoint(dir.resolve("sp"), true);
    assertThatThrownBy(() -> coordinator.triggerCheckpoint().get()).hasMessageContaining("stopping");

    coordinator.decline(new SubtaskId(graph.vertices().get(0).id(), 0), 0, 1, "test");
    assertThatThrownBy(() -> stop.get(120, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("declined");
    CompletableFuture<CompletedCheckpoint> next = coordinator.triggerCheckpoint();
    assertThat(next).as("checkpoints go on after a failed stop").isNotCompletedExceptionally();
    assertThat(triggered).containsExactly(1L, 2L);

    acknowledgeAll(2);
    next.get(120, TimeUnit.SECONDS);
    CompletableFuture<CompletedCheckpoint> stop2 = coordinator.triggerSavepoint(dir.resolve("sp"), true);
    acknowledgeAll(3);
    assertThat(stop2.get(120, TimeUnit.SECONDS).savepoint()).isTrue();
    assertThatThrownBy(() -> coordinator.triggerCheckpoint().get()).as("after the final savepoint nothing commits")
        .hasMessageContaining("stopping");
  }

  @Test
  void aStopWhoseSavepointIsNeverAcknowledgedTimesOutAndTheJobGoesOn() throws Exception {
    CheckpointCoordinator quick = new CheckpointCoordinator(JOB, graph, storage, 1, 100);
    List<Long> triggers = new java.util.concurrent.CopyOnWriteArrayList<>();
    quick.newAttempt(0, new CheckpointCoordinator.TaskGateway() {
      @Override
      public void triggerCheckpoint(SubtaskId source, long checkpointId, long timestamp) {
        if (!triggers.contains(checkpointId)) {
          triggers.add(checkpointId);
        }
      }

      @Override
      public void notifyCheckpointComplete(SubtaskId subtask, long checkpointId) {}

      @Override
      public void notifyCheckpointAborted(SubtaskId subtask, long checkpointId) {}
    });
    quick.setTasksRunning(true);
    timer = new ScheduledThreadPoolExecutor(1);
    CompletableFuture<CompletedCheckpoint> stop = quick.triggerSavepoint(dir.resolve("sp"), true);
    quick.startPeriodic(timer, 20); // the periodic tick checks the timeout; it triggers nothing while stopping
    assertThatThrownBy(() -> stop.get(120, TimeUnit.SECONDS)).hasMessageContaining("not acknowledged within 100 ms");
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
        .until(() -> triggers.size() >= 2); // periodic checkpoints again after the failed stop
    assertThat(triggers.get(0)).isEqualTo(1L);
    quick.stopPeriodic();
  }

  @Test
  void anUnwritableTargetFailsTheSavepointAndLeavesNothingBehind() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    CompletableFuture<CompletedCheckpoint> f = coordinator.triggerSavepoint(file, false);
    acknowledgeAll(1);
    assertThatThrownBy(() -> f.get(120, TimeUnit.SECONDS)).hasMessageContaining("could not be written");
    assertThat(storage.checkpointDirectory(1)).doesNotExist();
    assertThat(coordinator.abortedCount()).isEqualTo(1);
    CompletableFuture<CompletedCheckpoint> next = coordinator.triggerCheckpoint();
    acknowledgeAll(2);
    assertThat(next.get(120, TimeUnit.SECONDS).id()).isEqualTo(2);
  }

  private CompletedCheckpoint complete(CompletableFuture<CompletedCheckpoint> f, long id) throws Exception {
    acknowledgeAll(id);
    return f.get(120, TimeUnit.SECONDS);
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
        coordinator.acknowledge(new SubtaskId(v.id(), i), 0, checkpointId, new TaskStateSnapshot(ops));
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
