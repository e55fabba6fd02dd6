package io.rivulet.runtime.state.timers;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.runtime.state.KeyGroupRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TimerQueue} polls in (timestamp, registration) order, deduplicates and deletes like a model list,
 * and its per-key-group view holds exactly the queued timers.
 */
class TimerQueueProperties {
  record Op(int kind, long time, int key) {}

  record Model(long time, int key, long seq) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, 30),
        Arbitraries.integers().between(0, 9)).as(Op::new);
    return op.list().ofMaxSize(300);
  }

  @Property(tries = 300)
  void pollsInOrderAndDeduplicates(@ForAll("ops") List<Op> ops) {
    TimerQueue<Integer, String> queue = new TimerQueue<>(new KeyGroupRange(0, 3));
    List<Model> model = new ArrayList<>();
    long seq = 0;
    Comparator<Model> order = Comparator.comparingLong(Model::time).thenComparingLong(Model::seq);
    for (Op op : ops) {
      int keyGroup = op.key % 4;
      switch (op.kind) {
        case 0, 1 -> {
          boolean known = model.stream().anyMatch(m -> m.time == op.time && m.key == op.key);
          assertThat(queue.add(op.time, op.key, "ns", keyGroup)).isEqualTo(!known);
          if (!known) {
            model.add(new Model(op.time, op.key, seq++));
          }
        }
        case 2 -> {
          boolean known = model.removeIf(m -> m.time == op.time && m.key == op.key);
          assertThat(queue.remove(op.time, op.key, "ns", keyGroup)).isEqualTo(known);
        }
        default -> {
          Model expected = model.stream().min(order).orElse(null);
          TimerEntry<Integer, String> polled = queue.poll();
          if (expected == null) {
            assertThat(polled).isNull();
          } else {
            model.remove(expected);
            assertThat(polled.timestamp()).isEqualTo(expected.time);
            assertThat(polled.key()).isEqualTo(expected.key);
          }
        }
      }
      assertThat(queue.size()).isEqualTo(model.size());
    }
    Set<String> frozen = new HashSet<>();
    for (int kg = 0; kg < 4; kg++) {
      TimerEntry<Integer, String>[] timers = queue.freeze(kg);
      if (timers != null) {
        for (TimerEntry<Integer, String> t : timers) {
          assertThat(t.key() % 4).isEqualTo(kg);
          frozen.add(t.timestamp() + "/" + t.key());
        }
      }
    }
    Set<String> expected = new HashSet<>();
    model.forEach(m -> expected.add(m.time + "/" + m.key));
    assertThat(frozen).isEqualTo(expected);
    model.sort(order);
    for (Model m : model) {
      TimerEntry<Integer, String> polled = queue.poll();
      assertThat(polled.timestamp()).isEqualTo(m.time);
      assertThat(polled.key()).isEqualTo(m.key);
    }
    assertThat(queue.poll()).isNull();
  }
}
