package io.rivulet.runtime.checkpoint;

import static org.awaitility.Awaitility.await;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.connector.SourceGate;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import io.rivulet.runtime.jobmaster.SubtaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes the savepoint fixtures of the current checkpoint format ({@link SavepointFixtureJob}, one per state backend)
 * into {@code <directory>/keyed-heap/} and {@code <directory>/keyed-rocksdb/}. Run once per format version, into a new
 * {@code savepoints/v<N>/}; the fixtures of older versions are never rewritten (they are what a migration must read).
 * From the repository root, after {@code mvn -B -o -q -pl engine -am test-compile}:
 *
 * <pre>
 * mvn -B -o -q -pl engine -am dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp engine/target/test-classes:engine/target/classes:$(cat engine/target/cp.txt) \
 *     io.rivulet.runtime.checkpoint.WriteSavepointFixtures engine/src/test/resources/savepoints/v1
 * </pre>
 */
public final class WriteSavepointFixtures {
  private static final long WAIT_SECONDS = 120;

  private WriteSavepointFixtures() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: WriteSavepointFixtures <directory>, e.g."
          + " engine/src/test/resources/savepoints/v1");
    }
    Path out = Path.of(args[0]);
    for (StateBackendKind backend : StateBackendKind.values()) {
      Path written = write(backend, out.resolve("keyed-" + backend.name().toLowerCase(Locale.ROOT)));
      System.out.println("wrote " + written);
    }
    System.exit(0); // a tool: whatever threads a job left behind must not keep it running
  }

  /**
   * Runs the job until exactly the indexes below {@link SavepointFixtureJob#SAVEPOINT_AT} were summed (its sources
   * are held there), stops it with a savepoint and copies the savepoint to {@code target}.
   */
  static Path write(StateBackendKind backend, Path target) throws Exception {
    Path work = Files.createTempDirectory("rivulet-fixture-");
    String runId = "fixture-" + backend;
    SourceGate.Latch never = SourceGate.latch();
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    LocalJobHandle job = new LocalExecutor().start(SavepointFixtureJob.graph(backend, 2, never, runId, sink,
        work.resolve("checkpoints").toString(), null), "fixture");
    try {
      // the sources wait at the hold point for good: the savepoint holds exactly the indexes below it
      await().atMost(WAIT_SECONDS, TimeUnit.SECONDS).until(() -> allRunning(job)
          && SavepointFixtureJob.SUMMED.get(runId) != null
          && SavepointFixtureJob.SUMMED.get(runId).get() == SavepointFixtureJob.SAVEPOINT_AT);
      CompletedCheckpoint savepoint = job.triggerSavepoint(work.resolve("savepoints"), true)
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
      job.cancel();
      try {
        job.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof CancellationException)) {
          throw e;
        }
      } catch (CancellationException expected) {
        // stopped with the savepoint, as intended
      }
      CheckpointStorage.deleteRecursively(target);
      copy(Path.of(savepoint.directory()), target);
      return target;
    } finally {
      CollectSink.release(sink.id());
      CheckpointStorage.deleteRecursively(work);
    }
  }

  private static boolean allRunning(LocalJobHandle job) {
    List<SubtaskState> states = job.jobMaster().subtasks().stream().map(s -> s.state()).toList();
    return !states.isEmpty() && states.stream().allMatch(s -> s == SubtaskState.RUNNING);
  }

  /** Copies the savepoint's files (it is self-contained: no subdirectories), perhaps onto another filesystem. */
  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName().toString()));
      }
    }
  }
}
