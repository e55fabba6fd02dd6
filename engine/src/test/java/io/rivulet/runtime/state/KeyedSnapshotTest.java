package io.rivulet.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.AggregatingState;
import io.rivulet.api.state.ListState;
import io.rivulet.api.state.ListStateDescriptor;
import io.rivulet.api.state.MapState;
import io.rivulet.api.state.MapStateDescriptor;
import io.rivulet.api.state.ReducingState;
import io.rivulet.api.state.State;
import io.rivulet.api.state.StateDescriptor;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Snapshot, restore, rescaling and serializer changes, on both backends and across them. */
class KeyedSnapshotTest {
  @TempDir
  Path dir;
  TestBackends backends;

  static final int KEYS = 200;
  static final ValueStateDescriptor<Long> VALUE = KeyedStateTest.VALUE;
  static final ListStateDescriptor<String> LIST = KeyedStateTest.LIST;
  static final MapStateDescriptor<String, Long> MAP = KeyedStateTest.MAP;
  static final ValueStateDescriptor<byte[]> BYTES = new ValueStateDescriptor<>("bytes", Types.BYTES);

  @BeforeEach
  void setUp() {
    backends = new TestBackends(dir);
  }

  @AfterEach
  void tearDown() {
    backends.close();
  }

  static Stream<Arguments> backendPairs() {
    List<Arguments> pairs = new ArrayList<>();
    for (StateBackendKind from : TestBackends.KINDS) {
      for (StateBackendKind to : TestBackends.KINDS) {
        pairs.add(Arguments.of(from, to));
      }
    }
    return pairs.stream();
  }

  private static <S extends State> S state(KeyedStateBackend<Integer> b, StateDescriptor<S, ?> d, long window) {
    S s = b.getOrCreateState(d, Types.LONG);
    @SuppressWarnings("unchecked")
    InternalKvState<Long> internal = (InternalKvState<Long>) s;
    internal.setCurrentNamespace(window);
    return s;
  }

  /** Writes a recognizable value into every state kind for {@code key}, in windows 1 and 2. */
  static void fill(KeyedStateBackend<Integer> b, int key) {
    b.setCurrentKey(key);
    for (long w = 1; w <= 2; w++) {
      state(b, VALUE, w).update(key * 10L + w);
      ListState<String> list = state(b, LIST, w);
      list.add("k" + key);
      list.add("w" + w);
      MapState<String, Long> map = state(b, MAP, w);
      map.put("a", (long) key);
      map.put("null", null);
      state(b, KeyedStateTest.SUM, w).add((long) key);
      state(b, KeyedStateTest.SUM, w).add(w);
      state(b, KeyedStateTest.COUNT_CHARS, w).add(key * 1000L + w);
    }
  }

  static void check(KeyedStateBackend<Integer> b, int key) {
    b.setCurrentKey(key);
    for (long w = 1; w <= 2; w++) {
      assertThat(state(b, VALUE, w).value()).as("value of %d", key).isEqualTo(key * 10L + w);
      assertThat(state(b, LIST, w).get()).containsExactly("k" + key, "w" + w);
      MapState<String, Long> map = state(b, MAP, w);
      Map<String, Long> expected = new HashMap<>();
      expected.put("a", (long) key);
      expected.put("null", null);
      Map<String, Long> actual = new HashMap<>();
      map.entries().forEach(e -> actual.put(e.getKey(), e.getValue()));
      assertThat(actual).isEqualTo(expected);
      ReducingState<Long> sum = state(b, KeyedStateTest.SUM, w);
      assertThat(sum.get()).isEqualTo(key + w);
      AggregatingState<Long, Integer> agg = state(b, KeyedStateTest.COUNT_CHARS, w);
      assertThat(agg.get()).isEqualTo(Long.toString(key * 1000L + w).length());
    }
    state(b, VALUE, 3);
    assertThat(state(b, VALUE, 3).value()).isNull();
  }

  static void checkAbsent(KeyedStateBackend<Integer> b, int key) {
    b.setCurrentKey(key);
    assertThat(state(b, VALUE, 1).value()).isNull();
    assertThat(state(b, LIST, 1).get()).isEmpty();
    assertThat(state(b, MAP, 1).isEmpty()).isTrue();
  }

  @AllBackends
  void roundTripOfEveryStateKind(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    for (int k = 0; k < KEYS; k++) {
      fill(b, k);
    }
    KeyGroupsStateHandle handle = TestBackends.snapshot(b);

    KeyedStateBackend<Integer> restored = backends.create(kind, Types.INT);
    restored.restore(List.of(handle));
    for (int k = 0; k < KEYS; k++) {
      check(restored, k);
    }
    checkAbsent(restored, KEYS + 1);
  }

  @AllBackends
  void stateNotRegisteredAfterRestoreIsCarriedIntoTheNextSnapshot(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    for (int k = 0; k < 20; k++) {
      fill(b, k);
    }
    KeyedStateBackend<Integer> middle = backends.create(kind, Types.INT);
    middle.restore(List.of(TestBackends.snapshot(b)));
    middle.setCurrentKey(3);
    state(middle, VALUE, 1).update(-1L); // only VALUE is registered before the next snapshot
    KeyedStateBackend<Integer> last = backends.create(kind, Types.INT);
    last.restore(List.of(TestBackends.snapshot(middle)));
    for (int k = 0; k < 20; k++) {
      if (k == 3) {
        last.setCurrentKey(3);
        assertThat(state(last, VALUE, 1).value()).isEqualTo(-1L);
        assertThat(state(last, LIST, 1).get()).containsExactly("k3", "w1");
      } else {
        check(last, k);
      }
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("backendPairs")
  void restoresAcrossBackends(StateBackendKind from, StateBackendKind to) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(from, Types.INT);
    for (int k = 0; k < KEYS; k++) {
      fill(b, k);
    }
    KeyedStateBackend<Integer> restored = backends.create(to, Types.INT);
    restored.restore(List.of(TestBackends.snapshot(b)));
    for (int k = 0; k < KEYS; k++) {
      check(restored, k);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("backendPairs")
  void rescalesFromTwoSubtasksToOne(StateBackendKind from, StateBackendKind to) throws Exception {
    List<KeyGroupsStateHandle> handles = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      KeyedStateBackend<Integer> b = backends.create(from, Types.INT, KeyGroups.rangeForSubtask(subtask, 128, 2));
      for (int k = 0; k < KEYS; k++) {
        if (KeyGroups.subtaskForKey(k, 128, 2) == subtask) {
          fill(b, k);
        }
      }
      handles.add(TestBackends.snapshot(b));
    }
    KeyedStateBackend<Integer> one = backends.create(to, Types.INT);
    one.restore(handles);
    for (int k = 0; k < KEYS; k++) {
      check(one, k);
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("backendPairs")
  void rescalesFromOneSubtaskToTwo(StateBackendKind from, StateBackendKind to) throws Exception {
    KeyedStateBackend<Integer> one = backends.create(from, Types.INT);
    for (int k = 0; k < KEYS; k++) {
      fill(one, k);
    }
    KeyGroupsStateHandle handle = TestBackends.snapshot(one);
    int total = 0;
    for (int subtask = 0; subtask < 2; subtask++) {
      KeyGroupRange range = KeyGroups.rangeForSubtask(subtask, 128, 2);
      KeyedStateBackend<Integer> b = backends.create(to, Types.INT, range);
      b.restore(List.of(handle));
      int mine = 0;
      for (int k = 0; k < KEYS; k++) {
        if (range.contains(KeyGroups.keyGroupFor(k, 128))) {
          check(b, k);
          mine++;
        }
      }
      // exactly its keys: a fresh snapshot holds the entries of its own key groups and nothing more
      Map<String, Map<Integer, Integer>> entries = TestBackends.entriesByKeyGroup(TestBackends.snapshot(b));
      assertThat(entries.get("state/value").keySet()).allMatch(range::contains);
      int values = entries.get("state/value").values().stream().mapToInt(Integer::intValue).sum();
      assertThat(values).as("value entries of subtask %d", subtask).isEqualTo(2 * mine);
      total += mine;
    }
    assertThat(total).isEqualTo(KEYS);
  }

  @AllBackends
  void incompatibleValueSerializerFailsNamingTheState(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    fill(b, 1);
    KeyedStateBackend<Integer> restored = backends.create(kind, Types.INT);
    restored.restore(List.of(TestBackends.snapshot(b)));
    assertThatThrownBy(() -> restored.getOrCreateState(new ValueStateDescriptor<>("value", Types.STRING), Types.LONG))
        .isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("'value'")
        .hasMessageContaining("incompatible")
        .hasMessageContaining("LongSerializer");
    assertThatThrownBy(() -> restored.getOrCreateState(new ListStateDescriptor<>("map", Types.STRING), Types.LONG))
        .isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("'map'")
        .hasMessageContaining("MAP");
    assertThatThrownBy(() -> restored.getOrCreateState(LIST, Types.STRING))
        .isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("'list'")
        .hasMessageContaining("namespace");
  }

  @AllBackends
  void incompatibleKeySerializerFailsTheRestore(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    fill(b, 1);
    KeyGroupsStateHandle handle = TestBackends.snapshot(b);
    KeyedStateBackend<String> restored = backends.create(kind, Types.STRING);
    assertThatThrownBy(() -> restored.restore(List.of(handle)))
        .isInstanceOf(IncompatibleStateException.class)
        .hasMessageContaining("key serializer");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("backendPairs")
  void valuesMigrateToANewSerializerFormat(StateBackendKind from, StateBackendKind to) throws Exception {
    ValueStateDescriptor<Long> v1 = new ValueStateDescriptor<>("versioned", new VersionedLongSerializer(1));
    ListStateDescriptor<Long> l1 = new ListStateDescriptor<>("versionedList", new VersionedLongSerializer(1));
    MapStateDescriptor<String, Long> m1 =
        new MapStateDescriptor<>("versionedMap", Types.STRING, new VersionedLongSerializer(1));
    KeyedStateBackend<Integer> b = backends.create(from, Types.INT);
    for (int k = 0; k < 50; k++) {
      b.setCurrentKey(k);
      state(b, v1, 1).update(k * 1_000_000_007L);
      state(b, l1, 1).addAll(List.of((long) k, -1L));
      state(b, m1, 1).put("x", (long) -k);
    }
    KeyedStateBackend<Integer> restored = backends.create(to, Types.INT);
    restored.restore(List.of(TestBackends.snapshot(b)));
    ValueStateDescriptor<Long> v2 = new ValueStateDescriptor<>("versioned", new VersionedLongSerializer(2));
    ListStateDescriptor<Long> l2 = new ListStateDescriptor<>("versionedList", new VersionedLongSerializer(2));
    MapStateDescriptor<String, Long> m2 =
        new MapStateDescriptor<>("versionedMap", Types.STRING, new VersionedLongSerializer(2));
    for (int k = 0; k < 50; k++) {
      restored.setCurrentKey(k);
      assertThat(state(restored, v2, 1).value()).isEqualTo(k * 1_000_000_007L);
      ListState<Long> list = state(restored, l2, 1);
      list.add(7L); // appended in the new format next to migrated elements
      assertThat(list.get()).containsExactly((long) k, -1L, 7L);
      assertThat(state(restored, m2, 1).get("x")).isEqualTo((long) -k);
    }
    // and the next snapshot is written in the new format
    KeyedStateBackend<Integer> again = backends.create(from, Types.INT);
    again.restore(List.of(TestBackends.snapshot(restored)));
    again.setCurrentKey(49);
    assertThat(state(again, v2, 1).value()).isEqualTo(49 * 1_000_000_007L);
  }

  @AllBackends
  void writeSeesTheStateOfTheSynchronousPart(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    for (int k = 0; k < KEYS; k++) {
      fill(b, k);
      state(b, BYTES, 1).update(new byte[] {1, 2, 3});
    }
    KeyedStateSnapshot snapshot = b.snapshot(7);

    // the task goes on: overwrite, append, mutate in place, remove, add new keys (forcing map growth)
    for (int k = 0; k < KEYS; k++) {
      b.setCurrentKey(k);
      state(b, VALUE, 1).update(-1L);
      state(b, VALUE, 2).clear();
      state(b, LIST, 1).add("late");
      state(b, MAP, 1).put("a", -1L);
      state(b, MAP, 2).clear();
      state(b, KeyedStateTest.SUM, 1).add(1000L);
      state(b, KeyedStateTest.COUNT_CHARS, 1).add(5L);
      state(b, BYTES, 1).value()[0] = 99;
    }
    for (int k = KEYS; k < 5 * KEYS; k++) {
      fill(b, k);
    }

    KeyGroupsStateHandle handle = TestBackends.write(snapshot, b.keyGroupRange());
    KeyedStateBackend<Integer> restored = backends.create(kind, Types.INT);
    restored.restore(List.of(handle));
    for (int k = 0; k < KEYS; k++) {
      check(restored, k);
      assertThat(state(restored, BYTES, 1).value()).isEqualTo(new byte[] {1, 2, 3});
    }
    checkAbsent(restored, KEYS);
    checkAbsent(restored, 5 * KEYS - 1);
  }

  @AllBackends
  void snapshotOfAnEmptyBackendRestores(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT);
    KeyGroupsStateHandle handle = TestBackends.snapshot(b);
    assertThat(handle.offsets()).hasSize(128);
    KeyedStateBackend<Integer> restored = backends.create(kind, Types.INT);
    restored.restore(List.of(handle));
    checkAbsent(restored, 1);
  }

  @AllBackends
  void offsetsPointAtEachKeyGroup(StateBackendKind kind) throws Exception {
    KeyedStateBackend<Integer> b = backends.create(kind, Types.INT, new KeyGroupRange(10, 20));
    for (int k = 0; k < 2000; k++) {
      if (new KeyGroupRange(10, 20).contains(KeyGroups.keyGroupFor(k, 128))) {
        fill(b, k);
      }
    }
    KeyGroupsStateHandle handle = TestBackends.snapshot(b);
    byte[] bytes = ((ByteStateHandle) handle.data()).data();
    long[] offsets = handle.offsets();
    assertThat(offsets).hasSize(11);
    for (int i = 0; i < offsets.length; i++) {
      int at = (int) offsets[i];
      int kg = ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
          | (bytes[at + 3] & 0xFF);
      assertThat(kg).isEqualTo(10 + i);
    }
    assertThat(Arrays.stream(offsets).sorted().toArray()).isEqualTo(offsets);
  }
}
