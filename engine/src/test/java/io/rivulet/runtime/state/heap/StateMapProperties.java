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
    Map<Slot, Object> frozen = new HashMap<>();
    StateMap.Frozen f = map.freeze(null);
    for (int i = 0; i < f.keys().length; i++) {
      frozen.put(new Slot((Integer) f.keys()[i], (Integer) f.namespaces()[i]), f.values()[i]);
    }
    assertThat(frozen).isEqualTo(model);
  }
}
