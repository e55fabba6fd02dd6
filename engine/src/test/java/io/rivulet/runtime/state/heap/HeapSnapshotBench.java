package io.rivulet.runtime.state.heap;

import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.runtime.state.InternalKvState;
import io.rivulet.runtime.state.KeyGroupRange;
import io.rivulet.runtime.state.KeyedBackendParams;
import java.util.Arrays;

/**
 * How long the task thread stops for the synchronous part of a heap snapshot, and what a round of updates costs
 * right after it (where copy-on-write pays). A benchmark, not a test: run it with
 * {@code scripts/bench-heap-snapshot.sh [KEYS]}; it prints medians of 15 rounds after 5 warm-up rounds.
 */
public final class HeapSnapshotBench {
  private HeapSnapshotBench() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) {
    int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    HeapKeyedStateBackend<Long> backend = new HeapKeyedStateBackend<>(
        KeyedBackendParams.of(Types.LONG, new KeyGroupRange(0, 127), 128));
    ValueState<Long> value = backend.getOrCreateState(new ValueStateDescriptor<>("v", Types.LONG), Types.LONG);
    ListState<Long> list = backend.getOrCreateState(new ListStateDescriptor<>("l", Types.LONG), Types.LONG);
    ((InternalKvState<Long>) value).setCurrentNamespace(0L); // one namespace, as in a keyed process function
    ((InternalKvState<Long>) list).setCurrentNamespace(0L);
    Long[] boxed = new Long[keys];
    for (int k = 0; k < keys; k++) {
      boxed[k] = (long) k;
      backend.setCurrentKey(boxed[k]);
      value.update(boxed[k]);
      if (k % 10 == 0) { // a tenth of the keys also hold a list of 4 elements
        for (int e = 0; e < 4; e++) {
          list.add(boxed[k]);
        }
      }
    }
    int rounds = 20;
    long[] sync = new long[rounds];
    long[] after = new long[rounds];
    long sink = 0;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      sink += backend.snapshot(r + 1).hashCode();
      long t1 = System.nanoTime();
      // one update per key and one append per list right after the snapshot
      for (int k = 0; k < keys; k++) {
        backend.setCurrentKey(boxed[k]);
        value.update(boxed[(k + r) % keys]);
        if (k % 10 == 0) {
          list.add(boxed[k]);
        }
      }
      long t2 = System.nanoTime();
      sync[r] = t1 - t0;
      after[r] = t2 - t1;
    }
    System.out.printf("heap snapshot: keys=%d value entries=%d list entries=%d sync_ms=%.2f updates_after_ms=%.1f"
        + " (medians of %d rounds after 5 warm-up; %d)%n", keys, keys, keys / 10, median(sync, 5) / 1e6,
        median(after, 5) / 1e6, rounds - 5, sink & 1);
  }

  private static double median(long[] nanos, int skip) {
    long[] m = Arrays.copyOfRange(nanos, skip, nanos.length);
    Arrays.sort(m);
    return m[m.length / 2];
  }
}
