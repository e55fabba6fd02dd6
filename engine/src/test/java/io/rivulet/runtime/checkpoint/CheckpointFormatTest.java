package io.rivulet.runtime.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.rivulet.proto.checkpoint.CheckpointProto;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.runtime.state.ByteStateHandle;
import io.rivulet.runtime.state.FileStateHandle;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.StreamStateHandle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CheckpointFormat}: every record survives its message unchanged (properties over generated checkpoints),
 * metadata names the files of its own directory relatively, and whatever is not format-1 metadata is refused by
 * {@link CheckpointStorage#load} with a message naming the file and the reason.
 */
class CheckpointFormatTest {
  private static final Path BASE = Path.of("/data/checkpoints/job/chk-7");

  @TempDir
  Path dir;

  // ---------------------------------------------------------------- round trips

  @Property(tries = 300)
  void anAcknowledgementSurvivesItsMessage(@ForAll("snapshots") TaskStateSnapshot snapshot) throws Exception {
    byte[] wire = CheckpointFormat.toMessage(snapshot).toByteArray();
    TaskStateSnapshot back = CheckpointFormat.fromMessage(CheckpointProto.TaskStateSnapshot.parseFrom(wire), "test");
    assertThat(back).usingRecursiveComparison().isEqualTo(snapshot);
  }

  @Property(tries = 300)
  void restoreStateSurvivesItsMessage(@ForAll("restores") TaskRestore restore) throws Exception {
    byte[] wire = CheckpointFormat.toMessage(restore).toByteArray();
    TaskRestore back = CheckpointFormat.fromMessage(CheckpointProto.TaskRestore.parseFrom(wire), "test");
    assertThat(back).usingRecursiveComparison().isEqualTo(restore);
  }

  @Property(tries = 300)
  void metadataSurvivesItsFileAndMovesWithItsDirectory(@ForAll("checkpoints") CompletedCheckpoint checkpoint)
      throws Exception {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    CheckpointFormat.writeMetadata(checkpoint, BASE, file);

    CompletedCheckpoint same = read(file.toByteArray(), BASE);
    assertThat(same).usingRecursiveComparison().isEqualTo(checkpoint);

    Path moved = Path.of("/elsewhere/savepoint-1");
    CompletedCheckpoint there = read(file.toByteArray(), moved);
    assertThat(there.directory()).isEqualTo(moved.toString());
    assertThat(there).usingRecursiveComparison().ignoringFields("directory")
        .isEqualTo(CheckpointStorage.mapFiles(checkpoint, h -> Path.of(h.path()).startsWith(BASE)
            ? new FileStateHandle(moved.resolve(BASE.relativize(Path.of(h.path()))).toString(), h.size()) : h));
  }

  @Test
  void metadataNamesTheFilesOfItsDirectoryRelativelyAndKeepsOthersAsTheyAre() throws Exception {
    CompletedCheckpoint c = checkpoint(Map.of(
        0, subtask(new FileStateHandle(BASE.resolve("sum-0.keyed").toString(), 976)),
        1, subtask(new FileStateHandle("/shared/other/sum-1.keyed", 860))));
    CheckpointProto.CheckpointMetadata m = CheckpointFormat.toMessage(c, BASE);

    assertThat(m.getFormatVersion()).isEqualTo(1);
    assertThat(m.getJobId()).isEqualTo("job");
    assertThat(m.getCheckpointId()).isEqualTo(7);
    assertThat(m.getTimestampMillis()).isEqualTo(1_700_000_000_000L);
    assertThat(m.getSavepoint()).isTrue();
    CheckpointProto.OperatorState op = m.getOperators(0);
    assertThat(op.getUid()).isEqualTo("sum");
    assertThat(op.getParallelism()).isEqualTo(2);
    assertThat(op.getMaxParallelism()).isEqualTo(128);
    CheckpointProto.KeyGroupsStateHandle first = op.getSubtasksMap().get(0).getKeyedState();
    assertThat(first.getData().getFile().getPath()).isEqualTo("sum-0.keyed");
    assertThat(first.getData().getFile().getSizeBytes()).isEqualTo(976);
    assertThat(first.getRange().getStart()).isZero();
    assertThat(first.getRange().getEnd()).isEqualTo(2);
    assertThat(first.getOffsetsList()).containsExactly(0L, 10L, 25L);
    assertThat(op.getSubtasksMap().get(1).getKeyedState().getData().getFile().getPath())
        .isEqualTo("/shared/other/sum-1.keyed");
    assertThat(op.getSubtasksMap().get(0).getOperatorStateMap().get("position").toByteArray()).containsExactly(1, 2);
  }

  // ---------------------------------------------------------------- what is refused

  @Test
  void aFileThatIsNotRivuletMetadataIsRefused() throws Exception {
    write("hello, checkpoint".getBytes());
    assertRefused("is not Rivulet checkpoint metadata: it starts with 68 65 6c 6c 6f 2c 20 63, not \"RVLTMETA\"");
    write(new byte[0]);
    assertRefused("is not Rivulet checkpoint metadata: it starts with nothing (the file is empty)");
  }

  @Test
  void corruptOrTruncatedMetadataIsRefused() throws Exception {
    write(concat(CheckpointFormat.MAGIC, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
    assertRefused("is corrupt: its checkpoint message cannot be parsed");

    byte[] whole = metadataFile(checkpoint(Map.of(0, subtask(new FileStateHandle(BASE + "/a.keyed", 5)))));
    write(java.util.Arrays.copyOf(whole, whole.length - 4));
    assertRefused("is corrupt: its checkpoint message cannot be parsed");
  }

  @Test
  void javaSerializedMetadataOfAnOlderVersionIsRefusedByName() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new OldCompletedCheckpoint("job", 3, Map.of("sum", 1)));
    }
    write(bytes.toByteArray());
    assertRefused("is Java-serialized checkpoint metadata, written by a Rivulet version before checkpoint format 1;"
        + " this version reads checkpoint formats 1 to 1 only and cannot restore it: start the job without it, or from"
        + " a savepoint taken with this version");
  }

  /** What {@code _metadata} held before format 1: a Java-serialized record (a stand-in of the same shape). */
  private record OldCompletedCheckpoint(String jobId, long id, Map<String, Integer> operators)
      implements Serializable {}

  @Test
  void metadataOfANewerFormatOrOfNoFormatIsRefused() throws Exception {
    CheckpointProto.CheckpointMetadata v1 = CheckpointFormat.toMessage(checkpoint(Map.of()), BASE);
    write(concat(CheckpointFormat.MAGIC, v1.toBuilder().setFormatVersion(2).build().toByteArray()));
    assertRefused("has checkpoint format version 2, newer than 1, the newest this Rivulet reads: use a Rivulet version"
        + " that knows format 2");
    write(concat(CheckpointFormat.MAGIC, v1.toBuilder().setFormatVersion(-1).build().toByteArray()));
    assertRefused("has checkpoint format version 4294967295, newer than 1");
    write(concat(CheckpointFormat.MAGIC, v1.toBuilder().clearFormatVersion().build().toByteArray()));
    assertRefused("has no format version: it was not written by Rivulet");
  }

  @Test
  void inconsistentContentIsRefusedNamingTheOperatorAndSubtask() throws Exception {
    CheckpointProto.CheckpointMetadata good = CheckpointFormat.toMessage(checkpoint(Map.of(
        0, subtask(new FileStateHandle(BASE.resolve("sum-0.keyed").toString(), 9)))), BASE);
    CheckpointProto.OperatorState op = good.getOperators(0);
    CheckpointProto.OperatorSubtaskState s0 = op.getSubtasksMap().get(0);

    writeMessage(good.toBuilder().setOperators(0, op.toBuilder().putSubtasks(5, s0)).build());
    assertRefused("operator 'sum' has state of subtask 5, outside its 2 subtasks");

    writeMessage(good.toBuilder().setOperators(0, op.toBuilder().putSubtasks(0, s0.toBuilder()
        .setKeyedState(s0.getKeyedState().toBuilder().addOffsets(99)).build())).build());
    assertRefused("operator 'sum', subtask 0: keyed state of key groups [0..2] has 4 offsets, needs one per key group"
        + " (3)");

    writeMessage(good.toBuilder().setOperators(0, op.toBuilder().putSubtasks(0, s0.toBuilder()
        .setKeyedState(s0.getKeyedState().toBuilder().setData(CheckpointProto.StateHandle.getDefaultInstance()))
        .build())).build());
    assertRefused("operator 'sum', subtask 0: a state handle of no kind this version knows (a file or inline bytes);"
        + " was it written by a newer Rivulet?");

    writeMessage(good.toBuilder().addOperators(op).build());
    assertRefused("has operator 'sum' twice");

    writeMessage(good.toBuilder().setOperators(0, op.toBuilder().setUid("")).build());
    assertRefused("has an operator without uid");
  }

  @Test
  void anAcknowledgementOrRestoreOfANewerFormatIsRefusedNamingItsSender() {
    CheckpointProto.TaskStateSnapshot ack = CheckpointFormat.toMessage(new TaskStateSnapshot(Map.of()));
    assertThatThrownBy(() -> CheckpointFormat.fromMessage(ack.toBuilder().setFormatVersion(3).build(),
        "the acknowledgement of checkpoint 4 by subtask 1#0"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage("the acknowledgement of checkpoint 4 by subtask 1#0 has checkpoint format version 3, newer than 1,"
            + " the newest this Rivulet reads: use a Rivulet version that knows format 3");
    CheckpointProto.TaskRestore restore = CheckpointFormat.toMessage(new TaskRestore(4, Map.of()));
    assertThatThrownBy(() -> CheckpointFormat.fromMessage(restore.toBuilder().clearFormatVersion().build(),
        "the restore state of subtask map #1"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage("the restore state of subtask map #1 has no format version: it was not written by Rivulet");
  }

  @Test
  void javaSerializedStateFromAnOlderRuntimeOrControlPlaneIsRefusedNotDropped() throws Exception {
    // what the versions before format 1 sent: the state as bytes in fields 6 (ack) and 3 (deployment), now reserved
    CheckpointAck oldAck = CheckpointAck.parseFrom(CheckpointAck.newBuilder().setCheckpointId(3)
        .setUnknownFields(javaSerializedField(6)).build().toByteArray());
    assertThatThrownBy(() -> CheckpointFormat.stateOf(oldAck, "the acknowledgement of checkpoint 3 by subtask 1#0"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage("the acknowledgement of checkpoint 3 by subtask 1#0 carries Java-serialized state: it comes from"
            + " a task runtime of a Rivulet version before checkpoint format 1; run task runtimes of this version");
    TaskDeployment oldDeployment = TaskDeployment.parseFrom(TaskDeployment.newBuilder().setVertexId(1)
        .setUnknownFields(javaSerializedField(3)).build().toByteArray());
    assertThatThrownBy(() -> CheckpointFormat.restoreOf(oldDeployment, "the restore state of subtask map #0"))
        .isInstanceOf(CheckpointFormatException.class)
        .hasMessage("the restore state of subtask map #0 is Java-serialized: it comes from a control plane of a Rivulet"
            + " version before checkpoint format 1; deploy with a control plane of this version");

    assertThat(CheckpointFormat.stateOf(CheckpointAck.getDefaultInstance(), "an ack without state").operators())
        .isEmpty();
    assertThat(CheckpointFormat.restoreOf(TaskDeployment.getDefaultInstance(), "a fresh subtask")).isNull();
  }

  private static UnknownFieldSet javaSerializedField(int number) {
    return UnknownFieldSet.newBuilder().addField(number, UnknownFieldSet.Field.newBuilder()
        .addLengthDelimited(ByteString.copyFrom(new byte[] {(byte) 0xac, (byte) 0xed, 0, 5})).build()).build();
  }

  // ---------------------------------------------------------------- helpers

  private static CompletedCheckpoint read(byte[] file, Path directory) throws IOException {
    return CheckpointFormat.readMetadata(new ByteArrayInputStream(file), directory, "test");
  }

  private static byte[] metadataFile(CompletedCheckpoint c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckpointFormat.writeMetadata(c, BASE, out);
    return out.toByteArray();
  }

  private void write(byte[] content) throws IOException {
    Files.write(dir.resolve(CheckpointStorage.METADATA), content);
  }

  private void writeMessage(CheckpointProto.CheckpointMetadata m) throws IOException {
    write(concat(CheckpointFormat.MAGIC, m.toByteArray()));
  }

  private void assertRefused(String reason) {
    assertThatThrownBy(() -> CheckpointStorage.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(dir.resolve(CheckpointStorage.METADATA).toString())
        .hasMessageContaining(reason)
        .hasCauseInstanceOf(CheckpointFormatException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static CompletedCheckpoint checkpoint(Map<Integer, OperatorSubtaskState> subtasks) {
    return new CompletedCheckpoint("job", 7, 1_700_000_000_000L, BASE.toString(), true,
        subtasks.isEmpty() ? Map.of() : Map.of("sum", new OperatorState("sum", 2, 128, subtasks)));
  }

  private static OperatorSubtaskState subtask(StreamStateHandle data) {
    return new OperatorSubtaskState(Map.of("position", new byte[] {1, 2}),
        new KeyGroupsStateHandle(data, new KeyGroupRange(0, 2), new long[] {0, 10, 25}));
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<TaskStateSnapshot> snapshots() {
    return Arbitraries.maps(uids(), subtaskStates(Arbitraries.just(BASE))).ofMaxSize(4).map(TaskStateSnapshot::new);
  }

  @Provide
  Arbitrary<TaskRestore> restores() {
    Arbitrary<OperatorRestore> op = Combinators.combine(operatorState(),
            keyedHandles(Arbitraries.just(BASE)).list().ofMaxSize(3))
        .as(OperatorRestore::new);
    return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
        Arbitraries.maps(uids(), op).ofMaxSize(4)).as(TaskRestore::new);
  }

  @Provide
  Arbitrary<CompletedCheckpoint> checkpoints() {
    Arbitrary<OperatorState> operator = Arbitraries.integers().between(1, 4).flatMap(parallelism ->
        Combinators.combine(uids(), Arbitraries.maps(Arbitraries.integers().between(0, parallelism - 1),
                subtaskStates(Arbitraries.of(BASE, Path.of("/shared/elsewhere")))).ofMaxSize(parallelism))
            .as((uid, subtasks) -> new OperatorState(uid, parallelism, 128, subtasks)));
    Arbitrary<Map<String, OperatorState>> operators = operator.list().ofMaxSize(4).map(ops -> {
      Map<String, OperatorState> byUid = new HashMap<>();
      ops.forEach(o -> byUid.put(o.uid(), o));
      return Map.copyOf(byUid);
    });
    return Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(32),
            Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.longs().between(0, Long.MAX_VALUE),
            Arbitraries.of(true, false), operators)
        .as((job, id, time, savepoint, ops) -> new CompletedCheckpoint(job, id, time, BASE.toString(), savepoint, ops));
  }

  private static Arbitrary<String> uids() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_', '/', 'é').ofMinLength(1).ofMaxLength(12);
  }

  private static Arbitrary<Map<String, byte[]>> operatorState() {
    return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(32)).ofMaxSize(3);
  }

  private static Arbitrary<OperatorSubtaskState> subtaskStates(Arbitrary<Path> fileDirectories) {
    return Combinators.combine(operatorState(), keyedHandles(fileDirectories).injectNull(0.3))
        .as(OperatorSubtaskState::new);
  }

  /** Keyed handles of any range (empty ones too), one offset per key group, in files or inline. */
  private static Arbitrary<KeyGroupsStateHandle> keyedHandles(Arbitrary<Path> fileDirectories) {
    Arbitrary<StreamStateHandle> file = Combinators.combine(fileDirectories,
            Arbitraries.strings().alpha().numeric().withChars('-', '.').ofMinLength(1).ofMaxLength(16),
            Arbitraries.longs().between(0, Long.MAX_VALUE))
        .as((d, name, size) -> new FileStateHandle(d.resolve("f" + name).toString(), size));
    Arbitrary<StreamStateHandle> inline = Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
        .map(ByteStateHandle::new);
    return Combinators.combine(Arbitraries.integers().between(0, 127), Arbitraries.integers().between(-1, 40))
        .as((start, length) -> new KeyGroupRange(start, Math.min(127, start + length)))
        .flatMap(range -> Combinators.combine(Arbitraries.oneOf(file, inline),
                Arbitraries.longs().between(0, Long.MAX_VALUE).array(long[].class).ofSize(range.size()))
            .as((data, offsets) -> new KeyGroupsStateHandle(data, range, offsets)));
  }
}
