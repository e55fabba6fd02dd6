package io.rivulet.api.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.serialization.DataInputDeserializer;
import io.rivulet.api.serialization.DataOutputSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowAssignersTest {
  private static final WindowAssigner.Context NO_CLOCK = () -> {
    throw new AssertionError("an event-time assigner must not read the clock");
  };

  private static WindowAssigner.Context clockAt(long now) {
    return () -> now;
  }

  private static TimeWindow w(long start, long end) {
    return new TimeWindow(start, end);
  }

  @Test
  void tumblingEventTimeAssignsOneAlignedWindow() {
    TumblingEventTimeWindows a = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    assertThat(a.assignWindows("x", 0, NO_CLOCK)).containsExactly(w(0, 10));
    assertThat(a.assignWindows("x", 9, NO_CLOCK)).containsExactly(w(0, 10));
    assertThat(a.assignWindows("x", 10, NO_CLOCK)).containsExactly(w(10, 20));
    assertThat(a.assignWindows("x", -1, NO_CLOCK)).containsExactly(w(-10, 0));
    assertThat(a.isEventTime()).isTrue();
    assertThat(a.defaultTrigger()).isSameAs(EventTimeTrigger.create());
  }

  @Test
  void tumblingWithOffsetShiftsStarts() {
    TumblingEventTimeWindows a = TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(3));
    assertThat(a.assignWindows("x", 2, NO_CLOCK)).containsExactly(w(-7, 3));
    assertThat(a.assignWindows("x", 3, NO_CLOCK)).containsExactly(w(3, 13));
    TumblingEventTimeWindows neg = TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(-3));
    assertThat(neg.assignWindows("x", 7, NO_CLOCK)).containsExactly(w(7, 17));
  }

  @Test
  void tumblingReusesTheResultWhileTimestampsStayInTheWindow() {
    TumblingEventTimeWindows a = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    Collection<TimeWindow> first = a.assignWindows("x", 11, NO_CLOCK);
    assertThat(a.assignWindows("x", 19, NO_CLOCK)).isSameAs(first);
    Collection<TimeWindow> next = a.assignWindows("x", 20, NO_CLOCK);
    assertThat(next).isNotSameAs(first).containsExactly(w(20, 30));
    // going back to an earlier window must not return the cached one
    assertThat(a.assignWindows("x", 5, NO_CLOCK)).containsExactly(w(0, 10));
  }

  @Test
  void tumblingCacheSurvivesJavaSerialization() throws Exception {
    TumblingEventTimeWindows a = TumblingEventTimeWindows.of(Duration.ofMillis(10));
    a.assignWindows("x", 15, NO_CLOCK);
    TumblingEventTimeWindows copy = roundTrip(a);
    assertThat(copy.assignWindows("x", 25, NO_CLOCK)).containsExactly(w(20, 30));
  }

  @Test
  void eventTimeAssignersRejectRecordsWithoutTimestamp() {
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ofMillis(10))
        .assignWindows("x", Long.MIN_VALUE, NO_CLOCK))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("assignTimestampsAndWatermarks");
    assertThatThrownBy(() -> EventTimeSessionWindows.withGap(Duration.ofMillis(10))
        .assignWindows("x", Long.MIN_VALUE, NO_CLOCK)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void invalidSizesAreRejectedAtBuildTime() {
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size");
    assertThatThrownBy(() -> TumblingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
    assertThatThrownBy(() -> SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slide");
    assertThatThrownBy(() -> EventTimeSessionWindows.withGap(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
    assertThatThrownBy(() -> CountTrigger.of(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tumblingProcessingTimeUsesTheClockNotTheTimestamp() {
    TumblingProcessingTimeWindows a = TumblingProcessingTimeWindows.of(Duration.ofMillis(10));
    assertThat(a.assignWindows("x", 1234, clockAt(25))).containsExactly(w(20, 30));
    assertThat(a.assignWindows("x", Long.MIN_VALUE, clockAt(31))).containsExactly(w(30, 40));
    assertThat(a.isEventTime()).isFalse();
    assertThat(a.defaultTrigger()).isSameAs(ProcessingTimeTrigger.create());
  }

  @Test
  void slidingAssignsSizeOverSlideWindowsLatestFirst() {
    SlidingEventTimeWindows a = SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));
    assertThat(a.assignWindows("x", 7, NO_CLOCK)).containsExactly(w(5, 15), w(0, 10));
    assertThat(a.assignWindows("x", 10, NO_CLOCK)).containsExactly(w(10, 20), w(5, 15));
    SlidingEventTimeWindows uneven = SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(4));
    assertThat(uneven.assignWindows("x", 9, NO_CLOCK)).containsExactly(w(8, 18), w(4, 14), w(0, 10));
    assertThat(uneven.assignWindows("x", 10, NO_CLOCK)).containsExactly(w(8, 18), w(4, 14));
    SlidingEventTimeWindows offset =
        SlidingEventTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5), Duration.ofMillis(2));
    assertThat(offset.assignWindows("x", 7, NO_CLOCK)).containsExactly(w(7, 17), w(2, 12));
  }

  @Test
  void slidingProcessingTimeUsesTheClock() {
    SlidingProcessingTimeWindows a = SlidingProcessingTimeWindows.of(Duration.ofMillis(10), Duration.ofMillis(5));
    assertThat(a.assignWindows("x", 0, clockAt(12))).containsExactly(w(10, 20), w(5, 15));
  }

  @Test
  void sessionsMergeOverlappingAndTouchingWindowsOnly() {
    EventTimeSessionWindows a = EventTimeSessionWindows.withGap(Duration.ofMillis(10));
    assertThat(a.assignWindows("x", 5, NO_CLOCK)).containsExactly(w(5, 15));
    List<String> merges = new ArrayList<>();
    a.mergeWindows(List.of(w(30, 40), w(0, 10), w(5, 15), w(15, 25), w(50, 60), w(55, 65)),
        (group, result) -> merges.add(group + " -> " + result));
    assertThat(merges).containsExactly(
        "[TimeWindow[0, 10), TimeWindow[5, 15), TimeWindow[15, 25)] -> TimeWindow[0, 25)",
        "[TimeWindow[50, 60), TimeWindow[55, 65)] -> TimeWindow[50, 65)");
  }

  @Test
  void sessionsReportNothingWhenNothingOverlaps() {
    List<String> merges = new ArrayList<>();
    ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10))
        .mergeWindows(List.of(w(0, 10), w(11, 21)), (group, result) -> merges.add(result.toString()));
    assertThat(merges).isEmpty();
    assertThat(ProcessingTimeSessionWindows.withGap(Duration.ofMillis(10)).assignWindows("x", 0, clockAt(3)))
        .containsExactly(w(3, 13));
  }

  @Test
  void globalWindowsPutEverythingInOneWindowThatNeverFiresByDefault() throws Exception {
    GlobalWindows a = GlobalWindows.create();
    assertThat(a.assignWindows("x", 1, NO_CLOCK)).containsExactly(GlobalWindow.INSTANCE);
    assertThat(a.isEventTime()).isFalse();
    Trigger<Object, GlobalWindow> never = a.defaultTrigger();
    assertThat(never.onElement("x", 1, GlobalWindow.INSTANCE, null)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(never.onEventTime(Long.MAX_VALUE, GlobalWindow.INSTANCE, null)).isEqualTo(TriggerResult.CONTINUE);
    assertThat(never.onProcessingTime(Long.MAX_VALUE, GlobalWindow.INSTANCE, null))
        .isEqualTo(TriggerResult.CONTINUE);
  }

  @Test
  void windowSerializersRoundTrip() throws Exception {
    assertThat(roundTrip(TimeWindow.Serializer.INSTANCE, w(-5, Long.MAX_VALUE))).isEqualTo(w(-5, Long.MAX_VALUE));
    assertThat(roundTrip(GlobalWindow.Serializer.INSTANCE, GlobalWindow.INSTANCE)).isSameAs(GlobalWindow.INSTANCE);
    DataOutputSerializer out = new DataOutputSerializer();
    GlobalWindow.Serializer.INSTANCE.serialize(GlobalWindow.INSTANCE, out);
    assertThat(out.length()).isZero();
  }

  @Test
  void windowSerializerSnapshotsRestoreTheSingleton() throws Exception {
    var snapshot = TimeWindow.Serializer.INSTANCE.snapshot();
    DataOutputSerializer out = new DataOutputSerializer();
    snapshot.writeSnapshot(out);
    var read = new io.rivulet.api.serialization.SingletonSerializerSnapshot<TimeWindow>();
    read.readSnapshot(snapshot.version(), new DataInputDeserializer(out.toByteArray()), getClass().getClassLoader());
    assertThat(read.restoreSerializer()).isSameAs(TimeWindow.Serializer.INSTANCE);
    assertThat(read.resolveCompatibility(TimeWindow.Serializer.INSTANCE).isIncompatible()).isFalse();
    assertThat(read.resolveCompatibility(cast(GlobalWindow.Serializer.INSTANCE)).isIncompatible()).isTrue();
  }

  @Test
  void singletonTriggersStaySingletonsAfterSerialization() throws Exception {
    assertThat(roundTrip(EventTimeTrigger.create())).isSameAs(EventTimeTrigger.create());
    assertThat(roundTrip(ProcessingTimeTrigger.create())).isSameAs(ProcessingTimeTrigger.create());
    assertThat(roundTrip(PurgingTrigger.of(CountTrigger.of(3))).toString())
        .isEqualTo("PurgingTrigger(CountTrigger(3))");
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<TimeWindow> cast(TypeSerializer<?> s) {
    return (TypeSerializer) s;
  }

  private static <T> T roundTrip(TypeSerializer<T> s, T value) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer();
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.toByteArray()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
