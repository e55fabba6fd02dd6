package io.rivulet.runtime.state.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link StateMap} behaves like a {@code HashMap} keyed by (key, namespace), also when hashes collide on
 * purpose (long probe chains, wrap-around at the end of the table, backward-shift deletion).
 */
class StateMapProperties {
  record Op(int kind, int key, int namespace, int value) {}

  record Slot(int key, int namespace) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 40),
        Arbitraries.integers().between(0, 3), Arbitraries.integers()).as(Op::new);
    return op.list().ofMaxSize(400);
  }

  @Property(tries = 300)
  void behavesLikeAHashMap(@ForAll("ops") List<Op> ops, @ForAll boolean badHash) {
    StateMap<Integer, Integer, Integer> map = new StateMap<>();
    Map<Slot, Integer> model = new HashMap<>();
    for (Op op : ops) {
      // a bad hash sends everything to a few home slots, near the end of the table too
      int hash = badHash ? (op.key % 3) * 5 + 3 : StateMap.hash(op.key, op.namespace);
      Slot slot = new Slot(op.key, op.namespace);
      switch (op.kind) {
        case 0 -> {
          map.put(op.key, op.namespace, hash, op.value);
          model.put(slot, op.value);
        }
        case 1 -> assertThat(map.remove(op.key, op.namespace, hash)).isEqualTo(model.remove(slot));
        default -> assertThat(map.get(op.key, op.namespace, hash)).isEqualTo(model.get(slot));
      }
      assertThat(map.size()).isEqualTo(model.size());
    }
    for (Map.Entry<Slot, Integer> e : model.entrySet()) {
      int hash = badHash ? (e.getKey().key % 3) * 5 + 3 : StateMap.hash(e.getKey().key, e.getKey().namespace);
      assertThat(map.get(e.getKey().key, e.getKey().namespace, hash)).isEqualTo(e.getValue());
    }
    assertThat(contents(map.freeze())).isEqualTo(model);
  }

  /**
   * A frozen snapshot keeps the contents of the moment it was taken, whatever the map does afterwards: puts,
   * removes, growth, backward shifts, and in-place changes of values handed out by {@link StateMap#get} and
   * {@link StateMap#remove} (mutable values: lists, copied on their first access after a freeze). Several
   * snapshots may be alive at once.
   */
  @Property(tries = 300)
  void snapshotsKeepTheirMomentWhileTheMapGoesOn(@ForAll("ops") List<Op> ops, @ForAll boolean badHash,
      @ForAll("freezePoints") List<Integer> freezeAt) {
    StateMap<Integer, Integer, java.util.ArrayList<Integer>> map =
        new StateMap<>(v -> new java.util.ArrayList<>((java.util.ArrayList<?>) v));
    Map<Slot, List<Integer>> model = new HashMap<>();
    List<StateMap.Frozen> snapshots = new java.util.ArrayList<>();
    List<Map<Slot, List<Integer>>> expected = new java.util.ArrayList<>();
    for (int step = 0; step < ops.size(); step++) {
      if (freezeAt.contains(step)) {
        snapshots.add(map.freeze());
        Map<Slot, List<Integer>> copy = new HashMap<>();
        model.forEach((slot, list) -> copy.put(slot, List.copyOf(list)));
        expected.add(copy);
      }
      Op op = ops.get(step);
      int hash = badHash ? (op.key % 3) * 5 + 3 : StateMap.hash(op.key, op.namespace);
      Slot slot = new Slot(op.key, op.namespace);
      switch (op.kind) {
        case 0 -> { // append in place, as list state does
          java.util.ArrayList<Integer> list = map.get(op.key, op.namespace, hash);
          if (list == null) {
            list = new java.util.ArrayList<>();
            map.put(op.key, op.namespace, hash, list);
          }
          list.add(op.value);
          model.computeIfAbsent(slot, x -> new java.util.ArrayList<>()).add(op.value);
        }
        case 1 -> { // remove, then change what came back (as merging namespaces does)
          java.util.ArrayList<Integer> removed = map.remove(op.key, op.namespace, hash);
          List<Integer> was = model.remove(slot);
          assertThat(removed).isEqualTo(was);
          if (removed != null) {
            removed.add(-1);
          }
        }
        default -> assertThat(map.get(op.key, op.namespace, hash)).isEqualTo(model.get(slot));
      }
    }
    for (int i = 0; i < snapshots.size(); i++) {
      assertThat(contents(snapshots.get(i))).as("snapshot %d", i).isEqualTo(expected.get(i));
    }
    assertThat(contents(map.freeze())).isEqualTo(model);
  }

  @Provide
  Arbitrary<List<Integer>> freezePoints() {
    return Arbitraries.integers().between(0, 400).list().ofMaxSize(4);
  }

  private static Map<Slot, Object> contents(StateMap.Frozen f) {
    Map<Slot, Object> out = new HashMap<>();
    for (int i = 0; i < f.keys().length; i++) {
      if (f.keys()[i] != null) {
        assertThat(out.put(new Slot((Integer) f.keys()[i], (Integer) f.namespaces()[i]), f.values()[i])).isNull();
      }
    }
    assertThat(out).hasSize(f.size());
    return out;
  }
}
