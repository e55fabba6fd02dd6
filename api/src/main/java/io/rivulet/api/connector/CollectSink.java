package io.rivulet.api.connector;

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
 * whole job has finished). Records staged by an attempt that failed are dropped with it, and the restarted attempt writes them
 * again from the checkpoint. For tests and examples run by the local executor.
 */
public final class CollectSink<T> implements Sink<T> {
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

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

  /** Forgets the results of a sink (after a test read them). */
  public static void release(String id) {
    RESULTS.remove(id);
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
      private final TreeMap<Long, List<Object>> pending = new TreeMap<>();

      @Override
      public void write(T value, long timestamp) {
        current.add(value);
      }

      @Override
      public byte[] snapshotState(long checkpointId) {
        pending.put(checkpointId, current);
        current = new ArrayList<>();
        return null;
      }

      @Override
      public void notifyCheckpointComplete(long checkpointId) {
        var done = pending.headMap(checkpointId, true);
        for (List<Object> batch : done.values()) {
          target.addAll(batch);
        }
        done.clear();
      }

      @Override
      public void finish() {
        // staged under the final id; published when the whole job has finished (see SinkWriter#finish)
        snapshotState(SinkWriter.END_OF_INPUT);
      }
    };
  }
}
