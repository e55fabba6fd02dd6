package io.rivulet.api.connector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects records into a list in this JVM, exactly once: what a subtask wrote since the last checkpoint
 * is staged, and published to {@link #results(String)} only when that checkpoint completes (or when the
 * whole job has finished). Records staged by an attempt that failed are dropped with it, and the restarted attempt
 * writes them again from the checkpoint.
 *
 * <p>A checkpoint can complete while the notification for it has not reached the writer yet (a task fails in
 * between). Restoring that checkpoint then means its staged records belong to the output, so, like any two-phase
 * commit sink, the snapshot names what is staged (tokens into a JVM-wide map, since the records stay in this JVM) and
 * {@link SinkWriter#restoreState} publishes what it names. A token is published at most once, however often the
 * checkpoint is restored. For tests and examples run by the local executor.
 */
public final class CollectSink<T> implements Sink<T> {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();
  /** Staged batches by token ({@code <sink id>/<uuid>}); removed when published or when the sink is released. */
  private static final Map<String, List<Object>> STAGED = new ConcurrentHashMap<>();

  private final String id;

  public CollectSink() {
    this.id = UUID.randomUUID().toString();
    RESULTS.put(id, Collections.synchronizedList(new ArrayList<>()));
  }

  /** The id to look results up with. */
  public String id() {
    return id;
  }

  /** Everything published so far, in publication order (per subtask: in the order written). */
  @SuppressWarnings("unchecked")
  public static <T> List<T> results(String id) {
    List<Object> list = RESULTS.get(id);
    if (list == null) {
      throw new IllegalArgumentException("no collect sink with id " + id + " in this JVM");
    }
    synchronized (list) {
      return (List<T>) new ArrayList<>(list);
    }
  }

  /** Forgets the results of a sink (after a test read them), and what it still had staged. */
  public static void release(String id) {
    RESULTS.remove(id);
    STAGED.keySet().removeIf(token -> token.startsWith(id + "/"));
  }

  @Override
  public String name() {
    return "Collect";
  }

  @Override
  public SinkWriter<T> createWriter(SinkContext context) {
    List<Object> target = RESULTS.get(id);
    if (target == null) {
      throw new IllegalStateException("collect sink " + id + " is not registered in this JVM: CollectSink works"
          + " with the local executor only");
    }
    return new SinkWriter<>() {
      private List<Object> current = new ArrayList<>();
      /** Tokens of the staged batches by the checkpoint that staged them; owned by the task thread. */
      private final TreeMap<Long, String> pending = new TreeMap<>();

      @Override
      public void write(T value, long timestamp) {
        current.add(value);
      }

      @Override
      public byte[] snapshotState(long checkpointId) {
        String token = id + "/" + UUID.randomUUID();
        STAGED.put(token, current);
        pending.put(checkpointId, token);
        current = new ArrayList<>();
        // every batch not published yet: a restore of this checkpoint publishes them all
        return String.join("\n", pending.values()).getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public void restoreState(byte[] state) {
        for (String token : new String(state, StandardCharsets.UTF_8).split("\n")) {
          publish(token);
        }
      }

      @Override
      public void notifyCheckpointComplete(long checkpointId) {
        var done = pending.headMap(checkpointId, true);
        for (String token : done.values()) {
          publish(token);
        }
        done.clear();
      }

      private void publish(String token) {
        List<Object> batch = STAGED.remove(token);
        if (batch != null) {
          target.addAll(batch);
        }
      }

      @Override
      public void finish() {
        // staged under the final id; published when the whole job has finished (see SinkWriter#finish)
        snapshotState(SinkWriter.END_OF_INPUT);
      }
    };
  }
}
