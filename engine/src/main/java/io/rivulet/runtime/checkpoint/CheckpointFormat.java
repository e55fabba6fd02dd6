package io.rivulet.runtime.checkpoint;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.rivulet.proto.checkpoint.CheckpointProto;
import io.rivulet.proto.control.CheckpointAck;
import io.rivulet.proto.control.TaskDeployment;
import io.rivulet.runtime.state.ByteStateHandle;
import io.rivulet.runtime.state.FileStateHandle;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyGroupsStateHandle;
import io.rivulet.runtime.state.StreamStateHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place where the checkpoint records of the engine meet their stored and sent form, the messages of
 * {@code checkpoint.proto}: {@code _metadata} files, acknowledgements ({@code CheckpointAck.state}) and restore state
 * ({@code TaskDeployment.restore}). Everything written carries {@link #VERSION}; reading checks it and refuses a newer
 * one, or anything that is not a Rivulet message, with an error that says what was wrong and where. When a version
 * 2 comes, its migration from 1 lives here (the rule is in {@code checkpoint.proto}).
 *
 * <p>Only metadata and handles are converted; the state files keep the backends' snapshot format. Stateless.
 */
public final class CheckpointFormat {
  /** The format this version writes, and the newest it reads. */
  public static final int VERSION = 1;
  /**
   * What a {@code _metadata} file starts with. A Java-serialized one (written before there was a format) starts with
   * {@code AC ED} instead and is refused by name: there are no such savepoints of a released version to migrate.
   */
  static final byte[] MAGIC = "RVLTMETA".getBytes(StandardCharsets.US_ASCII);
  private static final int JAVA_SERIALIZATION_MAGIC = 0xACED;
  /** The reserved numbers of the {@code bytes} fields that carried Java-serialized state before format 1. */
  private static final int JAVA_SERIALIZED_ACK_STATE = 6;
  private static final int JAVA_SERIALIZED_RESTORE = 3;

  private CheckpointFormat() {}

  // ---------------------------------------------------------------- _metadata

  /**
   * Writes a completed checkpoint as {@link #MAGIC} and its message. State files inside {@code directory} (where the
   * metadata goes) are named relative to it, so that the directory can be moved; others keep their path.
   */
  public static void writeMetadata(CompletedCheckpoint checkpoint, Path directory, OutputStream out)
      throws IOException {
    out.write(MAGIC);
    toMessage(checkpoint, directory).writeTo(out);
  }

  /**
   * Reads what {@link #writeMetadata} wrote; relative file names are resolved against {@code directory}, which also
   * becomes the checkpoint's directory.
   *
   * @param source names the file in errors
   * @throws CheckpointFormatException when the bytes are not metadata this version can read
   */
  public static CompletedCheckpoint readMetadata(InputStream in, Path directory, String source) throws IOException {
    byte[] header = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(header, MAGIC)) {
      if (header.length >= 2 && ((header[0] & 0xff) << 8 | (header[1] & 0xff)) == JAVA_SERIALIZATION_MAGIC) {
        throw new CheckpointFormatException(source + " is Java-serialized checkpoint metadata, written by a Rivulet"
            + " version before checkpoint format 1; this version reads checkpoint formats 1 to " + VERSION
            + " only and cannot restore it: start the job without it, or from a savepoint taken with this version");
      }
      throw new CheckpointFormatException(source + " is not Rivulet checkpoint metadata: it starts with "
          + hex(header) + ", not \"" + new String(MAGIC, StandardCharsets.US_ASCII) + "\"");
    }
    CheckpointProto.CheckpointMetadata message;
    try {
      message = CheckpointProto.CheckpointMetadata.parseFrom(in);
    } catch (InvalidProtocolBufferException e) {
      throw new CheckpointFormatException(source + " is corrupt: its checkpoint message cannot be parsed ("
          + e.getMessage() + ")", e);
    }
    return fromMessage(message, directory, source);
  }

  static CheckpointProto.CheckpointMetadata toMessage(CompletedCheckpoint c, Path directory) {
    Path base = directory.toAbsolutePath().normalize();
    CheckpointProto.CheckpointMetadata.Builder b = CheckpointProto.CheckpointMetadata.newBuilder()
        .setFormatVersion(VERSION).setJobId(c.jobId()).setCheckpointId(c.id()).setTimestampMillis(c.timestamp())
        .setSavepoint(c.savepoint());
    c.operators().values().stream().sorted(Comparator.comparing(OperatorState::uid)).forEach(op -> {
      CheckpointProto.OperatorState.Builder o = CheckpointProto.OperatorState.newBuilder().setUid(op.uid())
          .setParallelism(op.parallelism()).setMaxParallelism(op.maxParallelism());
      op.subtasks().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> o.putSubtasks(e.getKey(), toMessage(e.getValue(), base)));
      b.addOperators(o);
    });
    return b.build();
  }

  static CompletedCheckpoint fromMessage(CheckpointProto.CheckpointMetadata m, Path directory, String source) {
    checkVersion(m.getFormatVersion(), source);
    Map<String, OperatorState> operators = new HashMap<>();
    for (CheckpointProto.OperatorState o : m.getOperatorsList()) {
      String where = source + ", operator '" + o.getUid() + "'";
      if (o.getUid().isEmpty()) {
        throw new CheckpointFormatException(source + " has an operator without uid");
      }
      if (o.getParallelism() < 1 || o.getMaxParallelism() < o.getParallelism()) {
        throw new CheckpointFormatException(where + " has parallelism " + o.getParallelism()
            + " and max parallelism " + o.getMaxParallelism() + " (need 1 <= parallelism <= max parallelism)");
      }
      Map<Integer, OperatorSubtaskState> subtasks = new HashMap<>();
      for (Map.Entry<Integer, CheckpointProto.OperatorSubtaskState> s : o.getSubtasksMap().entrySet()) {
        if (s.getKey() < 0 || s.getKey() >= o.getParallelism()) {
          throw new CheckpointFormatException(where + " has state of subtask " + s.getKey() + ", outside its "
              + o.getParallelism() + " subtasks");
        }
        subtasks.put(s.getKey(), fromMessage(s.getValue(), directory, where + ", subtask " + s.getKey()));
      }
      if (operators.put(o.getUid(), new OperatorState(o.getUid(), o.getParallelism(), o.getMaxParallelism(),
          Map.copyOf(subtasks))) != null) {
        throw new CheckpointFormatException(source + " has operator '" + o.getUid() + "' twice");
      }
    }
    return new CompletedCheckpoint(m.getJobId(), m.getCheckpointId(), m.getTimestampMillis(), directory.toString(),
        m.getSavepoint(), Map.copyOf(operators));
  }

  // ---------------------------------------------------------------- acknowledgements and restore state

  /** An acknowledgement's state, as {@code CheckpointAck.state} carries it. */
  public static CheckpointProto.TaskStateSnapshot toMessage(TaskStateSnapshot snapshot) {
    CheckpointProto.TaskStateSnapshot.Builder b = CheckpointProto.TaskStateSnapshot.newBuilder()
        .setFormatVersion(VERSION);
    snapshot.operators().forEach((uid, state) -> b.putOperators(uid, toMessage(state, null)));
    return b.build();
  }

  /** @param source names the sender in errors (e.g. "the acknowledgement of checkpoint 3 by 2#0") */
  public static TaskStateSnapshot fromMessage(CheckpointProto.TaskStateSnapshot m, String source) {
    checkVersion(m.getFormatVersion(), source);
    Map<String, OperatorSubtaskState> operators = new HashMap<>();
    m.getOperatorsMap().forEach((uid, s) -> operators.put(uid, fromMessage(s, null, source + ", operator '" + uid
        + "'")));
    return new TaskStateSnapshot(Map.copyOf(operators));
  }

  /** A subtask's restore state, as {@code TaskDeployment.restore} carries it. */
  public static CheckpointProto.TaskRestore toMessage(TaskRestore restore) {
    CheckpointProto.TaskRestore.Builder b = CheckpointProto.TaskRestore.newBuilder().setFormatVersion(VERSION)
        .setCheckpointId(restore.checkpointId());
    restore.operators().forEach((uid, r) -> {
      CheckpointProto.OperatorRestore.Builder o = CheckpointProto.OperatorRestore.newBuilder()
          .putAllOperatorState(toMessage(r.operatorState()));
      r.keyedState().forEach(k -> o.addKeyedState(toMessage(k, null)));
      b.putOperators(uid, o.build());
    });
    return b.build();
  }

  /** @param source names the sender in errors */
  public static TaskRestore fromMessage(CheckpointProto.TaskRestore m, String source) {
    checkVersion(m.getFormatVersion(), source);
    Map<String, OperatorRestore> operators = new HashMap<>();
    m.getOperatorsMap().forEach((uid, o) -> {
      String where = source + ", operator '" + uid + "'";
      List<KeyGroupsStateHandle> keyed = new ArrayList<>(o.getKeyedStateCount());
      for (CheckpointProto.KeyGroupsStateHandle k : o.getKeyedStateList()) {
        keyed.add(fromMessage(k, null, where));
      }
      operators.put(uid, new OperatorRestore(fromMessage(o.getOperatorStateMap()), List.copyOf(keyed)));
    });
    return new TaskRestore(m.getCheckpointId(), Map.copyOf(operators));
  }

  /**
   * What a subtask acknowledged (empty when the acknowledgement carries no state).
   *
   * @throws CheckpointFormatException for state this version cannot read, e.g. the Java-serialized field of a runtime
   *     from before format 1 (kept by protobuf as an unknown field, it would otherwise be lost without a word)
   */
  public static TaskStateSnapshot stateOf(CheckpointAck ack, String source) {
    if (ack.getUnknownFields().hasField(JAVA_SERIALIZED_ACK_STATE)) {
      throw new CheckpointFormatException(source + " carries Java-serialized state: it comes from a task runtime of a"
          + " Rivulet version before checkpoint format 1; run task runtimes of this version");
    }
    return ack.hasState() ? fromMessage(ack.getState(), source) : new TaskStateSnapshot(Map.of());
  }

  /**
   * The state a deployed subtask restores, or null when it starts fresh.
   *
   * @throws CheckpointFormatException for state this version cannot read, e.g. the Java-serialized field of a control
   *     plane from before format 1 (the subtask would otherwise start fresh without a word)
   */
  public static TaskRestore restoreOf(TaskDeployment deployment, String source) {
    if (deployment.getUnknownFields().hasField(JAVA_SERIALIZED_RESTORE)) {
      throw new CheckpointFormatException(source + " is Java-serialized: it comes from a control plane of a Rivulet"
          + " version before checkpoint format 1; deploy with a control plane of this version");
    }
    return deployment.hasRestore() ? fromMessage(deployment.getRestore(), source) : null;
  }

  // ---------------------------------------------------------------- parts

  private static CheckpointProto.OperatorSubtaskState toMessage(OperatorSubtaskState s, Path base) {
    CheckpointProto.OperatorSubtaskState.Builder b = CheckpointProto.OperatorSubtaskState.newBuilder()
        .putAllOperatorState(toMessage(s.operatorState()));
    if (s.keyedState() != null) {
      b.setKeyedState(toMessage(s.keyedState(), base));
    }
    return b.build();
  }

  private static OperatorSubtaskState fromMessage(CheckpointProto.OperatorSubtaskState m, Path base, String where) {
    return new OperatorSubtaskState(fromMessage(m.getOperatorStateMap()),
        m.hasKeyedState() ? fromMessage(m.getKeyedState(), base, where) : null);
  }

  /** Operator state in name order, so that equal state is written as equal bytes. */
  private static Map<String, ByteString> toMessage(Map<String, byte[]> operatorState) {
    Map<String, ByteString> out = new LinkedHashMap<>();
    operatorState.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.put(e.getKey(), ByteString.copyFrom(e.getValue())));
    return out;
  }

  private static Map<String, byte[]> fromMessage(Map<String, ByteString> operatorState) {
    Map<String, byte[]> out = new HashMap<>();
    operatorState.forEach((name, bytes) -> out.put(name, bytes.toByteArray()));
    return Map.copyOf(out);
  }

  /** @param base the metadata's directory, to name files inside it relatively; null: paths as they are */
  private static CheckpointProto.KeyGroupsStateHandle toMessage(KeyGroupsStateHandle h, Path base) {
    CheckpointProto.KeyGroupsStateHandle.Builder b = CheckpointProto.KeyGroupsStateHandle.newBuilder()
        .setData(toMessage(h.data(), base))
        .setRange(CheckpointProto.KeyGroupRange.newBuilder().setStart(h.range().start()).setEnd(h.range().end()));
    for (long offset : h.offsets()) {
      b.addOffsets(offset);
    }
    return b.build();
  }

  private static KeyGroupsStateHandle fromMessage(CheckpointProto.KeyGroupsStateHandle m, Path base, String where) {
    if (!m.hasRange()) {
      throw new CheckpointFormatException(where + ": keyed state without a key-group range");
    }
    KeyGroupRange range = new KeyGroupRange(m.getRange().getStart(), m.getRange().getEnd());
    if (range.start() < 0 || m.getOffsetsCount() != range.size()) {
      throw new CheckpointFormatException(where + ": keyed state of key groups " + range + " has "
          + m.getOffsetsCount() + " offsets, needs one per key group (" + range.size() + ")");
    }
    long[] offsets = new long[m.getOffsetsCount()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = m.getOffsets(i);
    }
    return new KeyGroupsStateHandle(fromMessage(m.getData(), base, where), range, offsets);
  }

  private static CheckpointProto.StateHandle toMessage(StreamStateHandle h, Path base) {
    CheckpointProto.StateHandle.Builder b = CheckpointProto.StateHandle.newBuilder();
    if (h instanceof FileStateHandle f) {
      b.setFile(CheckpointProto.FileHandle.newBuilder().setPath(relativeTo(base, f.path())).setSizeBytes(f.size()));
    } else if (h instanceof ByteStateHandle bytes) {
      b.setInline(ByteString.copyFrom(bytes.data()));
    } else {
      throw new IllegalArgumentException("checkpoint format " + VERSION + " has no state handle for a "
          + h.getClass().getName() + ": add one to checkpoint.proto (a new format version)");
    }
    return b.build();
  }

  private static StreamStateHandle fromMessage(CheckpointProto.StateHandle m, Path base, String where) {
    return switch (m.getKindCase()) {
      case FILE -> {
        String path = m.getFile().getPath();
        if (path.isEmpty()) {
          throw new CheckpointFormatException(where + ": a state file without a path");
        }
        yield new FileStateHandle(base == null || Path.of(path).isAbsolute() ? path : base.resolve(path).toString(),
            m.getFile().getSizeBytes());
      }
      case INLINE -> new ByteStateHandle(m.getInline().toByteArray());
      case KIND_NOT_SET -> throw new CheckpointFormatException(where + ": a state handle of no kind this version"
          + " knows (a file or inline bytes); was it written by a newer Rivulet?");
    };
  }

  private static String relativeTo(Path base, String path) {
    if (base == null) {
      return path;
    }
    Path p = Path.of(path).toAbsolutePath().normalize();
    return p.startsWith(base) ? base.relativize(p).toString() : path;
  }

  private static void checkVersion(int version, String source) {
    if (version == 0) {
      throw new CheckpointFormatException(source + " has no format version: it was not written by Rivulet");
    }
    if (Integer.compareUnsigned(version, VERSION) > 0) { // uint32 on the wire
      String v = Integer.toUnsignedString(version);
      throw new CheckpointFormatException(source + " has checkpoint format version " + v + ", newer than "
          + VERSION + ", the newest this Rivulet reads: use a Rivulet version that knows format " + v);
    }
  }

  private static String hex(byte[] bytes) {
    if (bytes.length == 0) {
      return "nothing (the file is empty)";
    }
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(String.format("%02x ", b & 0xff));
    }
    return s.toString().trim();
  }
}
