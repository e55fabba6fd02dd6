package io.rivulet.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.JobExecutionResult;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.proto.checkpoint.CheckpointProto;
import io.rivulet.runtime.execution.LocalExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The savepoints checked in under {@code savepoints/v1/} (written by {@link WriteSavepointFixtures} with checkpoint
 * format 1) restore into the job that wrote them and produce exactly the output its state implies. A format change
 * that breaks this needs a migration in {@link CheckpointFormat}, not a new fixture.
 */
class SavepointFixtureRestoreTest {
  private static final long LONG_ENOUGH_SECONDS = 120;

  @TempDir
  Path work;

  @ParameterizedTest(name = "{0} into {1}, running sums at parallelism {2}")
  @CsvSource({
      "keyed-heap, HEAP, 2",
      "keyed-heap, ROCKSDB, 3",
      "keyed-rocksdb, ROCKSDB, 2",
      "keyed-rocksdb, HEAP, 3"})
  void checkedInSavepointRestoresSourcePositionsAndKeyedState(String fixture, StateBackendKind backend,
      int sumParallelism) throws Exception {
    // a copy elsewhere: a savepoint is self-contained and names its files relative to its directory
    Path savepoint = copyOf(fixture);
    CollectSink<Tuple2<Long, Long>> sink = new CollectSink<>();
    try {
      JobExecutionResult result = new LocalExecutor().start(SavepointFixtureJob.graph(backend, sumParallelism, null,
              null, sink, work.resolve("checkpoints").toString(), savepoint.toString()))
          .result().get(LONG_ENOUGH_SECONDS, TimeUnit.SECONDS);

      assertThat(result.restarts()).isZero();
      // every index from the savepoint's source positions on, each added to the sums restored for its key: an index
      // read twice, a source that started over, or a sum that started from 0 would each change these pairs
      List<Tuple2<Long, Long>> expected = SavepointFixtureJob.expectedAfterRestore();
      assertThat(expected).hasSize((int) (SavepointFixtureJob.RECORDS - SavepointFixtureJob.SAVEPOINT_AT))
          // index 150 has key 6, and its sum is 6 + 14 + ... + 150 (19 indexes, 78 on average)
          .contains(Tuple2.of(6L, 1482L));
      assertThat(CollectSink.results(sink.id())).containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      CollectSink.release(sink.id());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"keyed-heap", "keyed-rocksdb"})
  void checkedInSavepointIsFormatOneWithRelativeFileNamesOnly(String fixture) throws Exception {
    Path dir = fixture(fixture);
    CheckpointProto.CheckpointMetadata metadata;
    try (InputStream in = Files.newInputStream(dir.resolve(CheckpointStorage.METADATA))) {
      assertThat(new String(in.readNBytes(8), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RVLTMETA");
      metadata = CheckpointProto.CheckpointMetadata.parseFrom(in);
    }
    assertThat(metadata.getFormatVersion()).isEqualTo(1);
    assertThat(metadata.getSavepoint()).isTrue();
    assertThat(metadata.getOperatorsList().stream().map(CheckpointProto.OperatorState::getUid))
        .containsExactlyInAnyOrder("generator", "running-sum", "collect");
    CheckpointProto.OperatorState sums = metadata.getOperatorsList().stream()
        .filter(o -> o.getUid().equals("running-sum")).findFirst().orElseThrow();
    assertThat(sums.getParallelism()).isEqualTo(2);
    assertThat(sums.getMaxParallelism()).isEqualTo(128);
    Set<String> files = metadata.getOperatorsList().stream()
        .flatMap(o -> o.getSubtasksMap().values().stream())
        .filter(CheckpointProto.OperatorSubtaskState::hasKeyedState)
        .map(s -> s.getKeyedState().getData().getFile().getPath())
        .collect(Collectors.toSet());
    assertThat(files).containsExactlyInAnyOrder("running-sum-0.keyed", "running-sum-1.keyed");
    try (Stream<Path> present = Files.list(dir)) {
      assertThat(present.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("_metadata", "running-sum-0.keyed", "running-sum-1.keyed");
    }
    // no absolute path of the machine that wrote it, anywhere in the metadata
    String text = new String(Files.readAllBytes(dir.resolve(CheckpointStorage.METADATA)),
        java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).doesNotContain("/tmp", "/home", "/work", "/root", "/var", "/Users");
  }

  private static Path fixture(String name) throws URISyntaxException {
    var url = SavepointFixtureRestoreTest.class.getResource("/savepoints/v1/" + name + "/_metadata");
    assertThat(url).as("fixture savepoints/v1/" + name).isNotNull();
    return Path.of(url.toURI()).getParent();
  }

  private Path copyOf(String name) throws URISyntaxException, IOException {
    Path to = work.resolve("moved").resolve(name);
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(fixture(name))) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName().toString()));
      }
    }
    return to;
  }
}
