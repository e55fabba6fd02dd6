package io.rivulet.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.runtime.timers.InternalTimer;
import io.rivulet.runtime.timers.InternalTimerService;
import io.rivulet.runtime.timers.ManualProcessingTimeService;
import io.rivulet.runtime.timers.Triggerable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Event- and processing-time timers on both backends, including snapshot and restore. */
class TimersTest {
  @TempDir
  Path dir;
  TestBackends backends;
  ManualProcessingTimeService clock;

  @BeforeEach
  void setUp() {
    backends = new TestBackends(dir);
    clock = new ManualProcessingTimeService(0);
  }

  @AfterEach
  void tearDown() {
    backends.close();
  }

  /** What fired: "<domain>:<service>:<backend's current key>/<timer key>:<namespace>@<time>". */
  static final class Recorder implements Triggerable<String, String> {
    final String service;
    final KeyedStateBackend<String> backend;
    final List<String> fired;
    Consumer<InternalTimer<String, String>> onFire = t -> {};

    Recorder(String service, KeyedStateBackend<String> backend, List<String> fired) {
      this.service = service;
      this.backend = backend;
      this.fired = fired;
    }

    @Override
    public void onEventTime(InternalTimer<String, String> timer) {
      record("event", timer);
    }

    @Override
    public void onProcessingTime(InternalTimer<String, String> timer) {
      record("proc", timer);
    }

    private void record(String domain, InternalTimer<String, String> timer) {
      fired.add(domain + ":" + service + ":" + backend.currentKey() + "/" + timer.key() + ":" + timer.namespace()
          + "@" + timer.timestamp());
      onFire.accept(timer);
    }
  }

  private KeyedStateBackend<String> backend(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backends.create(kind, Types.STRING);
    b.setProcessingTimeService(clock);
    return b;
  }

  @AllBackends
  void eventTimersFireInTimestampOrderWithTheirKey(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    List<String> fired = new ArrayList<>();
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, fired));
    b.setCurrentKey("a");
    timers.registerEventTimeTimer("w", 30);
    timers.registerEventTimeTimer("w", 10);
    b.setCurrentKey("b");
    timers.registerEventTimeTimer("w", 20);
    timers.registerEventTimeTimer("v", 10);
    b.setCurrentKey("c");
    assertThat(timers.numEventTimeTimers()).isEqualTo(4);

    b.advanceWatermark(20);
    assertThat(fired).containsExactly("event:t:a/a:w@10", "event:t:b/b:v@10", "event:t:b/b:w@20");
    assertThat(timers.currentWatermark()).isEqualTo(20);
    assertThat(timers.numEventTimeTimers()).isEqualTo(1);
    fired.clear();
    b.advanceWatermark(29);
    assertThat(fired).isEmpty();
    b.advanceWatermark(1000);
    assertThat(fired).containsExactly("event:t:a/a:w@30");
  }

  @AllBackends
  void timersAreDeduplicatedAndDeletable(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    List<String> fired = new ArrayList<>();
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, fired));
    b.setCurrentKey("a");
    timers.registerEventTimeTimer("w", 10);
    timers.registerEventTimeTimer("w", 10);
    timers.registerEventTimeTimer("x", 10);
    timers.registerEventTimeTimer("w", 11);
    b.setCurrentKey("b");
    timers.registerEventTimeTimer("w", 10);
    assertThat(timers.numEventTimeTimers()).isEqualTo(4);
    timers.deleteEventTimeTimer("w", 10); // b's
    timers.deleteEventTimeTimer("w", 99); // absent: no-op
    b.setCurrentKey("a");
    timers.deleteEventTimeTimer("w", 11);
    timers.registerProcessingTimeTimer("w", 10);
    timers.registerProcessingTimeTimer("w", 10);
    assertThat(timers.numProcessingTimeTimers()).isEqualTo(1);
    timers.deleteProcessingTimeTimer("w", 10);
    assertThat(timers.numProcessingTimeTimers()).isZero();

    b.advanceWatermark(100);
    clock.advanceTo(100);
    assertThat(fired).containsExactly("event:t:a/a:w@10", "event:t:a/a:x@10");
  }

  @AllBackends
  void timersRegisteredWhileFiringFireWhenDue(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    List<String> fired = new ArrayList<>();
    Recorder recorder = new Recorder("t", b, fired);
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, recorder);
    ValueState<Long> count = b.getOrCreateState(new ValueStateDescriptor<>("count", Types.LONG),
        VoidNamespace.Serializer.INSTANCE);
    ((InternalKvState<VoidNamespace>) count).setCurrentNamespace(VoidNamespace.INSTANCE);
    recorder.onFire = t -> {
      // state access in the callback acts on the timer's key
      Long c = count.value();
      count.update(c == null ? 1 : c + 1);
      if (t.timestamp() < 40) {
        timers.registerEventTimeTimer(t.namespace(), t.timestamp() + 10);
      }
    };
    b.setCurrentKey("a");
    timers.registerEventTimeTimer("w", 10);
    b.setCurrentKey("b");
    timers.registerEventTimeTimer("w", 25);

    b.advanceWatermark(30);
    assertThat(fired).containsExactly("event:t:a/a:w@10", "event:t:a/a:w@20", "event:t:b/b:w@25",
        "event:t:a/a:w@30");
    assertThat(timers.numEventTimeTimers()).isEqualTo(2); // a@40, b@35
    b.setCurrentKey("a");
    assertThat(count.value()).isEqualTo(3L);
    b.setCurrentKey("b");
    assertThat(count.value()).isEqualTo(1L);
  }

  @AllBackends
  void eventTimersOfSeveralServicesFireInOneTimeOrder(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    List<String> fired = new ArrayList<>();
    InternalTimerService<String> first = b.timerService("first", Types.STRING, new Recorder("first", b, fired));
    InternalTimerService<String> second = b.timerService("second", Types.STRING, new Recorder("second", b, fired));
    b.setCurrentKey("k");
    first.registerEventTimeTimer("n", 30);
    second.registerEventTimeTimer("n", 20);
    first.registerEventTimeTimer("n", 10);
    second.registerEventTimeTimer("n", 40);
    b.advanceWatermark(50);
    assertThat(fired).containsExactly("event:first:k/k:n@10", "event:second:k/k:n@20", "event:first:k/k:n@30",
        "event:second:k/k:n@40");
    assertThat(b.timerService("first", Types.STRING, null)).isSameAs(first);
  }

  @AllBackends
  void processingTimersFireThroughTheProcessingTimeService(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    List<String> fired = new ArrayList<>();
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, fired));
    b.setCurrentKey("a");
    timers.registerProcessingTimeTimer("w", 10);
    b.setCurrentKey("b");
    timers.registerProcessingTimeTimer("w", 5);
    timers.registerProcessingTimeTimer("w", 20);
    b.setCurrentKey("z");
    assertThat(timers.currentProcessingTime()).isZero();

    clock.advanceTo(4);
    assertThat(fired).isEmpty();
    clock.advanceTo(10);
    assertThat(fired).containsExactly("proc:t:b/b:w@5", "proc:t:a/a:w@10");
    assertThat(clock.pending()).as("one callback, for the next timer").isEqualTo(1);
    b.setCurrentKey("c");
    timers.registerProcessingTimeTimer("w", 15);
    clock.advanceTo(100);
    assertThat(fired).containsExactly("proc:t:b/b:w@5", "proc:t:a/a:w@10", "proc:t:c/c:w@15", "proc:t:b/b:w@20");
    assertThat(clock.pending()).isZero();
  }

  @AllBackends
  void timersNeedACurrentKey(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, new ArrayList<>()));
    assertThatThrownBy(() -> timers.registerEventTimeTimer("w", 1)).isInstanceOf(IllegalStateException.class);
  }

  @AllBackends
  void timersAreSnapshottedAndRestoredByName(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, new ArrayList<>()));
    InternalTimerService<String> other = b.timerService("o", Types.STRING, new Recorder("o", b, new ArrayList<>()));
    for (int k = 0; k < 50; k++) {
      b.setCurrentKey("k" + k);
      timers.registerEventTimeTimer("w", 100 + k);
      timers.registerProcessingTimeTimer("p", 1000 + k);
      other.registerEventTimeTimer("o", 500 + k);
    }
    KeyedStateSnapshot snapshot = b.snapshot(1);
    b.setCurrentKey("late");
    timers.registerEventTimeTimer("w", 1); // after the synchronous part: not in the snapshot
    KeyGroupsStateHandle handle = TestBackends.write(snapshot, b.keyGroupRange());

    ManualProcessingTimeService restoredClock = new ManualProcessingTimeService(0);
    KeyedStateBackend<String> restored = backends.create(kind, Types.STRING);
    restored.setProcessingTimeService(restoredClock);
    restored.restore(List.of(handle));
    List<String> fired = new ArrayList<>();
    InternalTimerService<String> again = restored.timerService("t", Types.STRING,
        new Recorder("t", restored, fired));
    assertThat(again.numEventTimeTimers()).isEqualTo(50);
    assertThat(again.numProcessingTimeTimers()).isEqualTo(50);
    restored.advanceWatermark(149);
    assertThat(fired).hasSize(50).first().isEqualTo("event:t:k0/k0:w@100");
    assertThat(fired).last().isEqualTo("event:t:k49/k49:w@149");
    fired.clear();
    restoredClock.advanceTo(1024);
    assertThat(fired).hasSize(25).first().isEqualTo("proc:t:k0/k0:p@1000");

    // the service not asked for yet is carried into the next snapshot
    KeyedStateBackend<String> third = backends.create(kind, Types.STRING);
    third.setProcessingTimeService(new ManualProcessingTimeService(0));
    third.restore(List.of(TestBackends.snapshot(restored)));
    InternalTimerService<String> o = third.timerService("o", Types.STRING, new Recorder("o", third, fired));
    assertThat(o.numEventTimeTimers()).isEqualTo(50);
    InternalTimerService<String> t = third.timerService("t", Types.STRING, new Recorder("t", third, fired));
    assertThat(t.numEventTimeTimers()).isZero();
    assertThat(t.numProcessingTimeTimers()).isEqualTo(25);
  }

  @AllBackends
  void dueProcessingTimersFireRightAfterRestore(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> b = backend(kind);
    InternalTimerService<String> timers = b.timerService("t", Types.STRING, new Recorder("t", b, new ArrayList<>()));
    b.setCurrentKey("a");
    timers.registerProcessingTimeTimer("w", 50);
    b.setCurrentKey("b");
    timers.registerProcessingTimeTimer("w", 5000);
    KeyGroupsStateHandle handle = TestBackends.snapshot(b);

    ManualProcessingTimeService later = new ManualProcessingTimeService(1000);
    KeyedStateBackend<String> restored = backends.create(kind, Types.STRING);
    restored.setProcessingTimeService(later);
    restored.restore(List.of(handle));
    List<String> fired = new ArrayList<>();
    restored.timerService("t", Types.STRING, new Recorder("t", restored, fired));
    assertThat(later.pending()).isEqualTo(1);
    later.advanceTo(1000); // the task's clock runs due callbacks without time passing
    assertThat(fired).containsExactly("proc:t:a/a:w@50");
  }

  @AllBackends
  void timersFollowTheirKeyGroupsWhenRescaling(StateBackendKind kind) throws Exception {
    KeyedStateBackend<String> one = backend(kind);
    InternalTimerService<String> timers = one.timerService("t", Types.STRING,
        new Recorder("t", one, new ArrayList<>()));
    for (int k = 0; k < 100; k++) {
      one.setCurrentKey("k" + k);
      timers.registerEventTimeTimer("w", k);
    }
    KeyGroupsStateHandle handle = TestBackends.snapshot(one);
    int total = 0;
    for (int subtask = 0; subtask < 2; subtask++) {
      KeyGroupRange range = KeyGroups.rangeForSubtask(subtask, 128, 2);
      KeyedStateBackend<String> b = backends.create(kind, Types.STRING, range);
      b.setProcessingTimeService(clock);
      b.restore(List.of(handle));
      List<String> fired = new ArrayList<>();
      b.timerService("t", Types.STRING, new Recorder("t", b, fired));
      b.advanceWatermark(Long.MAX_VALUE);
      for (String f : fired) {
        String key = f.substring(f.indexOf('/') + 1, f.lastIndexOf(':'));
        assertThat(range.contains(KeyGroups.keyGroupFor(key, 128))).as(f).isTrue();
      }
      total += fired.size();
    }
    assertThat(total).isEqualTo(100);
  }
}
