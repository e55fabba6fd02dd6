package io.rivulet.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.AggregatingStateDescriptor;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.MapState;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.ReducingStateDescriptor;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The five state kinds on both backends: per key and per namespace isolation, nulls, merges. */
class KeyedStateTest {
  @TempDir
  Path dir;
  TestBackends backends;

  static final ValueStateDescriptor<Long> VALUE = new ValueStateDescriptor<>("value", Types.LONG);
  static final ListStateDescriptor<String> LIST = new ListStateDescriptor<>("list", Types.STRING);
  static final MapStateDescriptor<String, Long> MAP = new MapStateDescriptor<>("map", Types.STRING, Types.LONG);
  static final ReducingStateDescriptor<Long> SUM = new ReducingStateDescriptor<>("sum", Long::sum, Types.LONG);
  static final AggregatingStateDescriptor<Long, String, Integer> COUNT_CHARS =
      new AggregatingStateDescriptor<>("agg", new DigitCount(), Types.STRING);

  /** Accumulates the decimal digits of the inputs as a string; the result is its length. */
  static final class DigitCount implements AggregateFunction<Long, String, Integer> {
    @Override
    public String createAccumulator() {
      return "";
    }

    @Override
    public String add(Long value, String acc) {
      return acc + value;
    }

    @Override
    public Integer getResult(String acc) {
      return acc.length();
    }

    @Override
    public String merge(String a, String b) {
      return a + b;
    }
  }

  @BeforeEach
  void setUp() {
    backends = new TestBackends(dir);
  }

  @AfterEach
  void tearDown() {
    backends.close();
  }

  private KeyedStateBackend<String> backend(StateBackendKind kind) throws Exception {
    return backends.create(kind, Types.STRING);
  }

  @SuppressWarnings("unchecked")
  private static <S extends io.rivulet.api.state.State> S keyed(KeyedStateBackend<String> b,
      io.rivulet.api.state.StateDescriptor<S, ?> d) {
    S state = b.getOrCreateState(d, VoidNamespace.Serializer.INSTANCE);
    ((InternalKvState<VoidNamespace>) state).setCurrentNamespace(VoidNamespace.INSTANCE);
    return state;
  }

  private static <S extends io.rivulet.api.state.State> S windowed(KeyedStateBackend<String> b,
      io.rivulet.api.state.StateDescriptor<S, ?> d) {
    return b.getOrCreateState(d, Types.LONG);
  }

  @SuppressWarnings("unchecked")
  private static void ns(Object state, long window) {
    ((InternalKvState<Long>) state).setCurrentNamespace(window);
  }

  @AllBackends
  void valueStateIsPerKey(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = keyed(b, VALUE);
    b.setCurrentKey("a");
    assertThat(v.value()).isNull();
    v.update(1L);
    b.setCurrentKey("b");
    assertThat(v.value()).isNull();
    v.update(2L);
    b.setCurrentKey("a");
    assertThat(v.value()).isEqualTo(1L);
    v.update(3L);
    assertThat(v.value()).isEqualTo(3L);
    v.clear();
    assertThat(v.value()).isNull();
    b.setCurrentKey("b");
    assertThat(v.value()).isEqualTo(2L);
    v.update(null);
    assertThat(v.value()).as("update(null) clears").isNull();
  }

  @AllBackends
  void sameNameGivesSameStateAndOtherTypeFails(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = keyed(b, VALUE);
    assertThat((Object) keyed(b, new ValueStateDescriptor<>("value", Types.LONG))).isSameAs(v);
    assertThatThrownBy(() -> b.getOrCreateState(new ListStateDescriptor<>("value", Types.LONG),
        VoidNamespace.Serializer.INSTANCE)).isInstanceOf(IllegalStateException.class).hasMessageContaining("value");
    assertThatThrownBy(() -> b.getOrCreateState(new ValueStateDescriptor<>("value", Types.STRING),
        VoidNamespace.Serializer.INSTANCE)).isInstanceOf(IllegalStateException.class);
  }

  @AllBackends
  void stateNeedsACurrentKeyInRange(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = keyed(b, VALUE);
    assertThatThrownBy(v::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("no current key");
    KeyedStateBackend<Integer> half = backends.create(kind, Types.INT, KeyGroups.rangeForSubtask(0, 128, 2));
    int foreign = 0;
    while (KeyGroups.subtaskForKey(foreign, 128, 2) == 0) {
      foreign++;
    }
    int key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key group");
  }

  @AllBackends
  void valueStateIsPerNamespace(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = windowed(b, VALUE);
    b.setCurrentKey("a");
    ns(v, 10);
    v.update(100L);
    ns(v, 20);
    assertThat(v.value()).isNull();
    v.update(200L);
    b.setCurrentKey("b");
    ns(v, 10);
    assertThat(v.value()).isNull();
    b.setCurrentKey("a");
    assertThat(v.value()).isEqualTo(100L);
    ns(v, 20);
    assertThat(v.value()).isEqualTo(200L);
    v.clear();
    ns(v, 10);
    assertThat(v.value()).isEqualTo(100L);
  }

  @AllBackends
  void listState(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ListState<String> l = keyed(b, LIST);
    b.setCurrentKey("a");
    assertThat(l.get()).isEmpty();
    l.add("x");
    l.add("y");
    l.addAll(List.of("z", "w"));
    l.addAll(List.of());
    assertThat(l.get()).containsExactly("x", "y", "z", "w");
    b.setCurrentKey("b");
    assertThat(l.get()).isEmpty();
    l.addAll(List.of("only"));
    assertThat(l.get()).containsExactly("only");
    b.setCurrentKey("a");
    l.update(List.of("new", "list"));
    assertThat(l.get()).containsExactly("new", "list");
    l.update(List.of());
    assertThat(l.get()).isEmpty();
    l.add("again");
    l.update(null);
    assertThat(l.get()).isEmpty();
    l.add("after");
    l.clear();
    assertThat(l.get()).isEmpty();
    b.setCurrentKey("b");
    assertThat(l.get()).containsExactly("only");
  }

  @AllBackends
  void listStateRejectsNullElements(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ListState<String> l = keyed(b, LIST);
    b.setCurrentKey("a");
    l.add("kept");
    List<String> withNull = new ArrayList<>();
    withNull.add("x");
    withNull.add(null);
    assertThatThrownBy(() -> l.add(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("list");
    assertThatThrownBy(() -> l.addAll(withNull)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> l.update(withNull)).isInstanceOf(NullPointerException.class);
    assertThat(l.get()).containsExactly("kept");
  }

  @AllBackends
  void mapState(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    MapState<String, Long> m = keyed(b, MAP);
    b.setCurrentKey("a");
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.entries()).isEmpty();
    m.put("one", 1L);
    m.put("two", 2L);
    m.put("nothing", null);
    Map<String, Long> more = new HashMap<>();
    more.put("three", 3L);
    more.put("four", 4L);
    m.putAll(more);
    assertThat(m.get("one")).isEqualTo(1L);
    assertThat(m.get("absent")).isNull();
    assertThat(m.contains("nothing")).as("a null value is present").isTrue();
    assertThat(m.get("nothing")).isNull();
    assertThat(m.contains("absent")).isFalse();
    assertThat(m.isEmpty()).isFalse();
    Map<String, Long> seen = new HashMap<>();
    for (Map.Entry<String, Long> e : m.entries()) {
      seen.put(e.getKey(), e.getValue());
    }
    Map<String, Long> expected = new HashMap<>(more);
    expected.put("one", 1L);
    expected.put("two", 2L);
    expected.put("nothing", null);
    assertThat(seen).isEqualTo(expected);
    assertThat(m.keys()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(m.values()).containsExactlyInAnyOrderElementsOf(expected.values());

    b.setCurrentKey("b");
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.get("one")).isNull();
    m.put("one", 11L);

    b.setCurrentKey("a");
    m.remove("two");
    m.remove("absent");
    assertThat(m.contains("two")).isFalse();
    assertThat(m.keys()).containsExactlyInAnyOrder("one", "nothing", "three", "four");
    m.clear();
    assertThat(m.isEmpty()).isTrue();
    assertThat(m.keys()).isEmpty();
    b.setCurrentKey("b");
    assertThat(m.get("one")).isEqualTo(11L);
    assertThatThrownBy(() -> m.put(null, 1L)).isInstanceOf(NullPointerException.class);
  }

  @AllBackends
  void mapIterationCoversLargeMapsAndRemoves(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    MapState<String, Long> m = windowed(b, MAP);
    b.setCurrentKey("a");
    ns(m, 2);
    m.put("other window", -1L);
    ns(m, 1);
    for (long i = 0; i < 1000; i++) {
      m.put("k" + i, i);
    }
    b.setCurrentKey("b");
    m.put("other key", -2L);
    b.setCurrentKey("a");
    long sum = 0;
    int n = 0;
    for (Iterator<Map.Entry<String, Long>> it = m.entries().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      sum += e.getValue();
      n++;
      if (e.getValue() % 2 == 0) {
        it.remove();
      }
    }
    assertThat(n).isEqualTo(1000);
    assertThat(sum).isEqualTo(999 * 1000 / 2);
    assertThat(m.keys()).hasSize(500).allMatch(k -> Long.parseLong(k.substring(1)) % 2 == 1);
    ns(m, 2);
    assertThat(m.keys()).containsExactly("other window");
  }

  @AllBackends
  void reducingState(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ReducingState<Long> r = windowed(b, SUM);
    b.setCurrentKey("a");
    ns(r, 1);
    assertThat(r.get()).isNull();
    r.add(1L);
    r.add(2L);
    ns(r, 2);
    r.add(10L);
    b.setCurrentKey("b");
    ns(r, 1);
    r.add(100L);
    b.setCurrentKey("a");
    ns(r, 1);
    assertThat(r.get()).isEqualTo(3L);
    ns(r, 2);
    assertThat(r.get()).isEqualTo(10L);
    r.clear();
    assertThat(r.get()).isNull();
    assertThatThrownBy(() -> r.add(null)).isInstanceOf(NullPointerException.class);
  }

  @AllBackends
  void aggregatingState(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    AggregatingState<Long, Integer> a = keyed(b, COUNT_CHARS);
    b.setCurrentKey("a");
    assertThat(a.get()).isNull();
    a.add(12L);
    a.add(345L);
    assertThat(a.get()).isEqualTo(5);
    b.setCurrentKey("b");
    assertThat(a.get()).isNull();
    a.add(7L);
    assertThat(a.get()).isEqualTo(1);
    b.setCurrentKey("a");
    a.clear();
    assertThat(a.get()).isNull();
  }

  @AllBackends
  void mergeNamespacesOfListReducingAggregating(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ListState<String> list = windowed(b, LIST);
    ReducingState<Long> sum = windowed(b, SUM);
    AggregatingState<Long, Integer> agg = windowed(b, COUNT_CHARS);
    b.setCurrentKey("other");
    for (long w = 1; w <= 3; w++) {
      ns(list, w);
      list.add("other" + w);
      ns(sum, w);
      sum.add(1000L);
    }
    b.setCurrentKey("k");
    for (long w = 1; w <= 3; w++) {
      ns(list, w);
      list.add("e" + w);
      ns(sum, w);
      sum.add(w);
      ns(agg, w);
      agg.add(w * 11);
    }
    // window 4 is empty: merging it in must change nothing
    List<Long> sources = List.of(2L, 3L, 4L);
    ((InternalKvState<Long>) list).mergeNamespaces(1L, sources);
    ((InternalKvState<Long>) sum).mergeNamespaces(1L, sources);
    ((InternalKvState<Long>) agg).mergeNamespaces(1L, sources);
    ns(list, 1);
    assertThat(list.get()).containsExactlyInAnyOrder("e1", "e2", "e3");
    ns(sum, 1);
    assertThat(sum.get()).isEqualTo(6L);
    ns(agg, 1);
    assertThat(agg.get()).isEqualTo(6);
    for (long w = 2; w <= 4; w++) {
      ns(list, w);
      ns(sum, w);
      ns(agg, w);
      assertThat(list.get()).isEmpty();
      assertThat(sum.get()).isNull();
      assertThat(agg.get()).isNull();
    }
    // merging into an empty target
    ((InternalKvState<Long>) sum).mergeNamespaces(9L, List.of(1L));
    ns(sum, 9);
    assertThat(sum.get()).isEqualTo(6L);
    b.setCurrentKey("other");
    ns(list, 2);
    assertThat(list.get()).containsExactly("other2");
    ns(sum, 2);
    assertThat(sum.get()).isEqualTo(1000L);
  }

  @AllBackends
  void valueAndMapStateCannotMerge(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = windowed(b, VALUE);
    b.setCurrentKey("a");
    assertThatThrownBy(() -> ((InternalKvState<Long>) v).mergeNamespaces(1L, List.of(2L)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @AllBackends
  void backendStateStoreBindsANamespace(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    BackendStateStore<Long> w1 = new BackendStateStore<>(b, 1L, Types.LONG);
    BackendStateStore<Long> w2 = new BackendStateStore<>(b, 2L, Types.LONG);
    b.setCurrentKey("k");
    w1.getState(VALUE).update(1L);
    w2.getState(VALUE).update(2L);
    assertThat(w1.getState(VALUE).value()).isEqualTo(1L);
    assertThat(w2.getState(VALUE).value()).isEqualTo(2L);
  }

  @AllBackends
  void manyKeysAndNamespacesSurviveGrowthAndRemoval(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    ValueState<Long> v = windowed(b, VALUE);
    for (int k = 0; k < 300; k++) {
      b.setCurrentKey("key" + k);
      for (long w = 0; w < 10; w++) {
        ns(v, w);
        v.update(k * 100 + w);
      }
    }
    for (int k = 0; k < 300; k += 3) {
      b.setCurrentKey("key" + k);
      for (long w = 0; w < 10; w += 2) {
        ns(v, w);
        v.clear();
      }
    }
    for (int k = 0; k < 300; k++) {
      b.setCurrentKey("key" + k);
      for (long w = 0; w < 10; w++) {
        ns(v, w);
        Long expected = k % 3 == 0 && w % 2 == 0 ? null : k * 100 + w;
        assertThat(v.value()).as("key%d window %d", k, w).isEqualTo(expected);
      }
    }
  }
}
