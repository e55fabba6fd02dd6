package io.rivulet.testkit;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.OperatorSnapshot;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.state.ByteStateHandle;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.state.KeyedStateSnapshot;
import io.rivulet.runtime.state.StateBackendFactory;
import io.rivulet.runtime.timers.ManualProcessingTimeService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one operator the way a task would, for the harnesses: lifecycle, keyed backend, manual processing
 * time, snapshots, and the adversarial mode. The harness classes only add their typed input methods.
 *
 * <p><b>Adversarial mode</b>, in the spirit of Hazelcast Jet's test support. Every input item is offered
 * only after the output was reported unavailable once (every other availability check fails): while input
 * is held back the driver runs mail, that is processing-time callbacks that are due, as a task's mailbox
 * would. Due callbacks also run between any two input items. After every input batch (one call of a
 * harness input method) the operator is snapshotted, closed, and replaced by a fresh instance from the
 * factory restored from that snapshot, with a fresh keyed backend and processing-time service; the restored
 * instance is re-sent the last watermark it had seen, as its upstream would after a recovery, and the
 * repeat is not recorded as new output. Watermarks are delivered twice. A correct operator produces the
 * same {@link RecordedOutput} in both modes (see {@link Adversity#assertSameOutput}).
 *
 * <p>Not thread-safe: one test thread drives it, like a task thread.
 */
final class HarnessDriver<OUT> implements AutoCloseable {
  /** Input work that may fail, run against the current operator instance. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private final HarnessSettings settings;
  private final RecordingOutput<OUT> output = new RecordingOutput<>();
  /** Shared by all operator instances of a run, so counts add up across restores. */
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final Step replayAfterRestore;
  private final Path rocksDbDirectory;

  private StreamOperator<OUT> operator;
  private KeyedStateBackend<Object> backend;
  private ManualProcessingTimeService clock;
  private int attempt;
  private long nextCheckpointId = 1;
  private long availabilityChecks;
  private long heldBack;
  private long restores;
  private boolean finished;
  private boolean closed;

  HarnessDriver(HarnessSettings settings, Step replayAfterRestore) throws Exception {
    settings.requireOperator();
    this.settings = settings;
    this.replayAfterRestore = replayAfterRestore;
    boolean ownRocksDir = settings.keyType != null && settings.stateBackendFactory == null
        && settings.stateBackend == StateBackendKind.ROCKSDB
        && (settings.jobConfig == null || settings.jobConfig.rocksDbDirectory() == null);
    this.rocksDbDirectory = ownRocksDir ? Files.createTempDirectory("rivulet-harness-rocksdb") : null;
    settings.jobConfig = jobConfig(settings, rocksDbDirectory);
    HarnessSnapshot from = settings.restoreFrom;
    start(from, from != null ? Math.max(from.processingTime(), settings.processingTime) : settings.processingTime);
  }

  private static JobConfig jobConfig(HarnessSettings settings, Path rocksDbDirectory) {
    JobConfig config = settings.jobConfig != null ? settings.jobConfig.copy() : new JobConfig();
    config.maxParallelism(settings.maxParallelism).stateBackend(settings.stateBackend);
    if (rocksDbDirectory != null) {
      config.rocksDbDirectory(rocksDbDirectory.toString());
    }
    return config;
  }

  /** Creates, sets up, restores and opens a fresh operator instance (with fresh backend and clock). */
  @SuppressWarnings("unchecked")
  private void start(HarnessSnapshot from, long processingTime) throws Exception {
    clock = new ManualProcessingTimeService(processingTime);
    backend = settings.keyType == null ? null : createBackend(from);
    StreamOperator<OUT> op = null;
    try {
      op = (StreamOperator<OUT>) settings.operatorFactory.create();
      HarnessContext context = new HarnessContext(settings, attempt, clock, backend,
          from == null ? null : from.operatorState(), metrics);
      op.setup(context, output);
      op.initializeState();
      op.open();
      operator = op;
    } catch (Exception | Error e) {
      // a task that fails to start releases what it holds; so does the harness (no RocksDB left open)
      closed = true;
      try {
        if (op != null) {
          op.close();
        }
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        if (backend != null) {
          backend.close();
        }
        deleteRocksDbDirectory();
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private KeyedStateBackend<Object> createBackend(HarnessSnapshot from) throws Exception {
    StateBackendFactory factory = settings.stateBackendFactory != null
        ? settings.stateBackendFactory
        : io.rivulet.runtime.state.backends.StateBackends.INSTANCE; // picks the kind named in the job config
    KeyedStateBackend<Object> b = factory.create(settings.jobConfig,
        "harness-operator-" + settings.subtaskIndex + "-attempt-" + attempt,
        (io.rivulet.api.serialization.TypeSerializer<Object>) settings.keyType, settings.keyGroups(),
        settings.maxParallelism, Thread.currentThread().getContextClassLoader());
    try {
      b.setProcessingTimeService(clock);
      if (from != null && from.keyedState() != null) {
        b.restore(List.of(from.keyedState()));
      }
      return b;
    } catch (Exception | Error e) {
      b.close();
      throw e;
    }
  }

  // ------------------------------------------------------------------ input

  /** Hands one input item to the operator, the way a task would (see the class comment for adversarial mode). */
  void deliver(Step step) throws Exception {
    requireOpen();
    if (settings.adversarial) {
      while (!outputAvailable()) {
        heldBack++;
        runDueMail();
      }
    }
    step.run();
    if (settings.adversarial) {
      runDueMail();
    }
  }

  /** True if a watermark should be delivered a second time (adversarial mode). */
  boolean repeatWatermarks() {
    return settings.adversarial;
  }

  /** An input batch ended: in adversarial mode, snapshot and continue on a fresh restored instance. */
  void endBatch() throws Exception {
    if (!settings.adversarial || finished || closed) {
      return;
    }
    HarnessSnapshot snapshot = snapshot();
    closeInstance();
    attempt++;
    restores++;
    start(snapshot, snapshot.processingTime());
    output.setReplaying(true);
    try {
      replayAfterRestore.run();
    } finally {
      output.setReplaying(false);
    }
  }

  private boolean outputAvailable() {
    return availabilityChecks++ % 2 == 1;
  }

  private void runDueMail() throws Exception {
    clock.advanceTo(clock.currentProcessingTime());
  }

  void setProcessingTime(long time) throws Exception {
    requireOpen();
    if (time < clock.currentProcessingTime()) {
      throw new IllegalArgumentException("processing time cannot go back from " + clock.currentProcessingTime()
          + " to " + time);
    }
    clock.advanceTo(time);
  }

  void finish() throws Exception {
    requireOpen();
    finished = true;
    operator.finish();
  }

  // ------------------------------------------------------------------ snapshots

  HarnessSnapshot snapshot() throws Exception {
    requireOpen();
    long id = nextCheckpointId++;
    OperatorSnapshot s = operator.snapshotState(id);
    KeyGroupsStateHandle keyed = null;
    KeyedStateSnapshot keyedSnapshot = s.keyedState();
    if (keyedSnapshot != null) {
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] offsets = keyedSnapshot.write(bytes);
        keyed = new KeyGroupsStateHandle(new ByteStateHandle(bytes.toByteArray()), backend.keyGroupRange(), offsets);
      } finally {
        keyedSnapshot.release();
      }
    }
    return new HarnessSnapshot(id, s.operatorState() == null ? java.util.Map.of() : s.operatorState(), keyed,
        clock.currentProcessingTime());
  }

  void notifyCheckpointComplete(long checkpointId) throws Exception {
    requireOpen();
    operator.notifyCheckpointComplete(checkpointId);
  }

  // ------------------------------------------------------------------ access

  StreamOperator<OUT> operator() {
    return operator;
  }

  KeyedStateBackend<Object> backend() {
    if (backend == null) {
      throw new IllegalStateException("this harness runs a non-keyed operator: it has no keyed state backend");
    }
    return backend;
  }

  ManualProcessingTimeService clock() {
    return clock;
  }

  RecordingOutput<OUT> output() {
    return output;
  }

  OperatorMetrics metrics() {
    return metrics;
  }

  RecordedOutput recorded() {
    return new RecordedOutput(output.events(), output.sideOutputs(), metrics.lateRecordsDropped().sum());
  }

  /** How often adversarial mode held input back and how often it restored, to see that it did its job. */
  long heldBackCount() {
    return heldBack;
  }

  long restoreCount() {
    return restores;
  }

  boolean adversarial() {
    return settings.adversarial;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the harness is closed");
    }
  }

  // ------------------------------------------------------------------ close

  private void closeInstance() throws Exception {
    try {
      operator.close();
    } finally {
      if (backend != null) {
        backend.close();
        backend = null;
      }
    }
  }

  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeInstance();
    } finally {
      deleteRocksDbDirectory();
    }
  }

  private void deleteRocksDbDirectory() {
    if (rocksDbDirectory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(rocksDbDirectory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete the harness's RocksDB directory " + rocksDbDirectory, e);
    }
  }
}
