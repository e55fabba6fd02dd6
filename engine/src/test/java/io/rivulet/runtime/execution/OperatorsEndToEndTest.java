package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.CoProcessFunction;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedCoProcessFunction;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Every operator of the API, run by the local executor across tasks (parallelism 2, real exchanges). */
class OperatorsEndToEndTest {
  private static final TypeSerializer<Tuple2<Long, Long>> PAIR = Types.tuple2(Types.LONG, Types.LONG);

  private static StreamEnvironment env() {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    return env;
  }

  @Test
  void flatMapEmitsEveryProducedRecord() throws Exception {
    List<Long> out = env().fromSequence(1, 100)
        .flatMap((Long x, Collector<Long> c) -> {
          for (long i = 0; i < x % 3; i++) {
            c.collect(x);
          }
        }, Types.LONG).executeAndCollect("flatMap");
    assertThat(out).hasSize((int) LongStream.rangeClosed(1, 100).map(x -> x % 3).sum());
    assertThat(out).doesNotContain(3L, 6L).contains(1L, 2L, 2L);
  }

  @Test
  void processWithSideOutputSplitsTheStream() throws Exception {
    StreamEnvironment env = env();
    OutputTag<String> odd = new OutputTag<>("odd", Types.STRING);
    DataStream<Long> evens = env.fromSequence(1, 1000).process((Long x, ProcessFunction.Context ctx, Collector<Long> out) -> {
      if (x % 2 == 0) {
        out.collect(x);
      } else {
        ctx.output(odd, "odd-" + x);
      }
    }, Types.LONG);
    io.rivulet.api.connector.CollectSink<String> oddSink = new io.rivulet.api.connector.CollectSink<>();
    evens.sideOutput(odd).rebalance().sinkTo(oddSink);
    List<Long> evenOut = evens.executeAndCollect("side outputs");
    List<String> oddOut = io.rivulet.api.connector.CollectSink.results(oddSink.id());
    assertThat(evenOut).hasSize(500).allMatch(x -> x % 2 == 0);
    assertThat(oddOut).hasSize(500).allMatch(s -> s.startsWith("odd-")).contains("odd-1", "odd-999");
  }

  @Test
  void unionMergesStreamsOfTheSameType() throws Exception {
    StreamEnvironment env = env();
    List<Long> out = env.fromSequence(0, 499).union(env.fromSequence(500, 999), env.fromSequence(1000, 1499))
        .map(x -> x).returns(Types.LONG).executeAndCollect("union");
    assertThat(out).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 1500).boxed().toList());
  }

  @Test
  void connectAndCoProcessSeeBothInputs() throws Exception {
    StreamEnvironment env = env();
    DataStream<Long> numbers = env.fromSequence(1, 100);
    DataStream<String> words = env.fromCollection(List.of("a", "bb", "ccc"), Types.STRING);
    List<String> out = numbers.connect(words).process(new NumbersAndWords(), Types.STRING).executeAndCollect("connect");
    assertThat(out).containsExactlyInAnyOrder("n50", "n100", "w1", "w2", "w3");
  }

  static final class NumbersAndWords implements CoProcessFunction<Long, String, String> {
    @Override
    public void processElement1(Long v, ProcessFunction.Context ctx, Collector<String> c) {
      if (v % 50 == 0) {
        c.collect("n" + v);
      }
    }

    @Override
    public void processElement2(String v, ProcessFunction.Context ctx, Collector<String> c) {
      c.collect("w" + v.length());
    }
  }

  @Test
  void keyedRollingReduceSumMinMaxAndAggregate() throws Exception {
    StreamEnvironment env = env();
    DataStream<Tuple2<Long, Long>> pairs = env.fromSequence(0, 999).map(x -> Tuple2.of(x % 4, x)).returns(PAIR);
    var keyed = pairs.keyBy(Tuple2::f0, Types.LONG);
    var sinkSum = new io.rivulet.api.connector.CollectSink<Tuple2<Long, Long>>();
    var sinkMin = new io.rivulet.api.connector.CollectSink<Tuple2<Long, Long>>();
    var sinkMax = new io.rivulet.api.connector.CollectSink<Tuple2<Long, Long>>();
    keyed.sum(Tuple2::f1, Tuple2::withF1).sinkTo(sinkSum);
    keyed.min((a, b) -> Long.compare(a.f1(), b.f1())).sinkTo(sinkMin);
    keyed.max((a, b) -> Long.compare(a.f1(), b.f1())).sinkTo(sinkMax);
    List<Long> counts = keyed.aggregate(new CountAgg(), Types.LONG, Types.LONG).executeAndCollect("rolling");

    Map<Long, Long> lastSum = last(io.rivulet.api.connector.CollectSink.results(sinkSum.id()));
    assertThat(lastSum).containsExactlyInAnyOrderEntriesOf(Map.of(
        0L, sum(0), 1L, sum(1), 2L, sum(2), 3L, sum(3)));
    assertThat(last(io.rivulet.api.connector.CollectSink.results(sinkMin.id())))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0L, 0L, 1L, 1L, 2L, 2L, 3L, 3L));
    assertThat(last(io.rivulet.api.connector.CollectSink.results(sinkMax.id())))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0L, 996L, 1L, 997L, 2L, 998L, 3L, 999L));
    assertThat(counts).hasSize(1000);
    assertThat(counts.stream().mapToLong(Long::longValue).max()).hasValue(250);
  }

  private static long sum(long key) {
    return LongStream.range(0, 1000).filter(x -> x % 4 == key).sum();
  }

  /** The last (running) value seen per key; per key, records arrive in order. */
  private static Map<Long, Long> last(List<Tuple2<Long, Long>> out) {
    return out.stream().collect(Collectors.toMap(Tuple2::f0, Tuple2::f1, (a, b) -> b));
  }

  static final class CountAgg implements AggregateFunction<Tuple2<Long, Long>, Long, Long> {
    public Long createAccumulator() {
      return 0L;
    }

    public Long add(Tuple2<Long, Long> v, Long acc) {
      return acc + 1;
    }

    public Long getResult(Long acc) {
      return acc;
    }

    public Long merge(Long a, Long b) {
      return a + b;
    }
  }

  @Test
  void keyedProcessFunctionWithEventTimeTimersAndState() throws Exception {
    StreamEnvironment env = env();
    // per key: count records; an event-time timer 10 ms after each key's first record emits the count so far.
    // One source subtask and a watermark before every record (ts - 1) make the firing point exact.
    List<Tuple2<Long, Long>> out = env.fromSequence(0, 999).parallelism(1)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forGenerator(EveryRecordWatermarks::new)
            .withTimestampAssigner((x, ts) -> x)).parallelism(1)
        .keyBy(x -> x % 5, Types.LONG)
        .process(new CountUntilTimer(), PAIR).executeAndCollect("timers");
    // key k's first record is k; its timer at k + 10 fires when the watermark reaches k + 10, which comes right
    // after record k + 11 (of another key): the records of k up to k + 10 are counted
    Map<Long, Long> byKey = out.stream().collect(Collectors.toMap(Tuple2::f0, Tuple2::f1));
    assertThat(byKey).hasSize(5);
    for (long k = 0; k < 5; k++) {
      long key = k;
      long expected = LongStream.rangeClosed(0, key + 10).filter(x -> x % 5 == key).count();
      assertThat(byKey.get(k)).as("key " + k).isEqualTo(expected);
    }
  }

  /**
   * The record is emitted before the watermark its generator derives from it, as in Flink: with a watermark equal to
   * each event's own timestamp (50, 99, 150 in 100 ms windows), window [0, 100) fires with 50 and 99, and nothing is
   * late. (Asking the generator first, Rivulet fired [0, 100) with 50 alone and sent 99 to the late output.)
   */
  @Test
  void aRecordIsEmittedBeforeTheWatermarkItsGeneratorDerivesFromIt() throws Exception {
    StreamEnvironment env = env();
    OutputTag<Long> late = new OutputTag<>("late", Types.LONG);
    DataStream<String> windows = env.fromElements(50L, 99L, 150L).parallelism(1)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forGenerator(TimestampWatermarks::new)
            .withTimestampAssigner((x, ts) -> x)).parallelism(1)
        .keyBy(x -> 0L, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .sideOutputLateData(late)
        .process(new WindowContents(), Types.STRING);
    io.rivulet.api.connector.CollectSink<Long> lateSink = new io.rivulet.api.connector.CollectSink<>();
    windows.sideOutput(late).sinkTo(lateSink);
    assertThat(windows.executeAndCollect("flink order")).containsExactly("0:[50, 99]", "100:[150]");
    assertThat(io.rivulet.api.connector.CollectSink.<Long>results(lateSink.id())).isEmpty();
  }

  /** "start:[values]" per window. */
  static final class WindowContents implements io.rivulet.api.functions.ProcessWindowFunction<Long, String, Long,
      io.rivulet.api.windowing.TimeWindow> {
    @Override
    public void process(Long key, Context<io.rivulet.api.windowing.TimeWindow> ctx, Iterable<Long> values,
        Collector<String> out) {
      out.collect(ctx.window().start() + ":" + values);
    }
  }

  /** Punctuated: a watermark equal to each record's timestamp. */
  static final class TimestampWatermarks implements io.rivulet.api.watermark.WatermarkGenerator<Long> {
    @Override
    public void onEvent(Long event, long timestamp, io.rivulet.api.watermark.WatermarkOutput output) {
      output.emitWatermark(timestamp);
    }

    @Override
    public void onPeriodicEmit(io.rivulet.api.watermark.WatermarkOutput output) {}
  }

  /** Punctuated: a watermark of ts - 1 with every record. */
  static final class EveryRecordWatermarks implements io.rivulet.api.watermark.WatermarkGenerator<Long> {
    @Override
    public void onEvent(Long event, long timestamp, io.rivulet.api.watermark.WatermarkOutput output) {
      output.emitWatermark(timestamp - 1);
    }

    @Override
    public void onPeriodicEmit(io.rivulet.api.watermark.WatermarkOutput output) {}
  }

  static final class CountUntilTimer implements KeyedProcessFunction<Long, Long, Tuple2<Long, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.state().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Long value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      Long c = count.value();
      if (c == null) {
        ctx.timerService().registerEventTimeTimer(ctx.timestamp() + 10);
        c = 0L;
      }
      count.update(c + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      assertThat(ctx.timeDomain()).isEqualTo(io.rivulet.api.functions.TimeDomain.EVENT_TIME);
      out.collect(Tuple2.of(ctx.currentKey(), count.value()));
    }
  }

  @Test
  void keyedCoProcessSharesStateAcrossBothInputs() throws Exception {
    StreamEnvironment env = env();
    DataStream<Long> a = env.fromSequence(0, 99);
    DataStream<Long> b = env.fromSequence(100, 199);
    List<String> out = a.connect(b).keyBy(x -> x % 10, x -> x % 10, Types.LONG)
        .process(new SharedCount(), Types.STRING).executeAndCollect("keyed connect");
    assertThat(out).containsExactlyInAnyOrder(LongStream.range(0, 10).mapToObj(k -> k + ":20").toArray(String[]::new));
  }

  static final class SharedCount implements KeyedCoProcessFunction<Long, Long, Long, String> {
    private transient ValueState<Long> seen;

    @Override
    public void open(RuntimeContext context) {
      seen = context.state().getState(new ValueStateDescriptor<>("seen", Types.LONG));
    }

    @Override
    public void processElement1(Long v, KeyedProcessFunction.Context<Long> ctx, Collector<String> c) {
      bump(ctx, c);
    }

    @Override
    public void processElement2(Long v, KeyedProcessFunction.Context<Long> ctx, Collector<String> c) {
      bump(ctx, c);
    }

    private void bump(KeyedProcessFunction.Context<Long> ctx, Collector<String> c) {
      long n = seen.value() == null ? 1 : seen.value() + 1;
      seen.update(n);
      if (n == 20) {
        c.collect(ctx.currentKey() + ":" + n);
      }
    }
  }

  @Test
  void windowAllRunsInOneSubtask() throws Exception {
    StreamEnvironment env = env();
    List<Long> out = env.fromSequence(0, 999)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x))
        .windowAll(TumblingEventTimeWindows.of(Duration.ofMillis(100)))
        .reduce(Long::sum).executeAndCollect("windowAll");
    assertThat(out).hasSize(10);
    assertThat(out.stream().mapToLong(Long::longValue).sum()).isEqualTo(LongStream.range(0, 1000).sum());
  }

  @Test
  void keyedWindowsGroupByKeyAndTime() throws Exception {
    StreamEnvironment env = env();
    List<Tuple2<Long, Long>> out = env.fromSequence(0, 9_999).map(x -> Tuple2.of(x % 3, x)).returns(PAIR)
        .assignTimestampsAndWatermarks(WatermarkStrategy.<Tuple2<Long, Long>>forBoundedOutOfOrderness(Duration.ofMillis(5))
            .withTimestampAssigner((t, ts) -> t.f1()))
        .keyBy(Tuple2::f0, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(1000)))
        .sum(Tuple2::f1, Tuple2::withF1).executeAndCollect("windows");
    assertThat(out).hasSize(30);
    Map<Long, Long> total = out.stream().collect(Collectors.groupingBy(Tuple2::f0, Collectors.summingLong(Tuple2::f1)));
    for (long k = 0; k < 3; k++) {
      long key = k;
      assertThat(total.get(k)).isEqualTo(LongStream.range(0, 10_000).filter(x -> x % 3 == key).sum());
    }
  }

  @SuppressWarnings("unused")
  private static <T> Map<T, Long> histogram(List<T> xs) {
    return xs.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }
}
