package io.rivulet.examples;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.TimeWindow;
import io.rivulet.api.windowing.TumblingEventTimeWindows;
import java.time.Duration;

/**
 * Keyed event-time windows over out-of-order events, with late data: readings of four sensors arrive up to
 * 300 ms out of order; every 97th reading is 5 s late. Watermarks allow 500 ms of disorder, so the out-of-order
 * readings land in their windows and the very late ones go to a side output instead of being lost.
 */
public final class WindowedEvents {
  public static final TypeSerializer<SensorReading> READING = Types.of(SensorReading.class);
  public static final TypeSerializer<SensorAverage> AVERAGE = Types.of(SensorAverage.class);
  public static final OutputTag<SensorReading> LATE = new OutputTag<>("late-readings", READING);

  private WindowedEvents() {}

  /** Reading {@code i}: sensor i%4, 10 ms apart, jittered by up to 300 ms; every 97th one is 5 s late. */
  public static SensorReading reading(long i) {
    long base = 10_000 + i * 10;
    long jitter = (i * 7919) % 31 * 10; // 0..300 ms, deterministic
    long ts = i % 97 == 96 ? base - 5_000 : base - jitter;
    return new SensorReading("sensor-" + (i % 4), ts, (i % 100) / 10.0);
  }

  /**
   * The averages per sensor and second; read late readings with {@code result.sideOutput(LATE)}. Readings
   * arrive at {@code readingsPerSecond}, so that watermarks (emitted every 200 ms of processing time) advance
   * while they flow, as in a live stream.
   */
  public static DataStream<SensorAverage> averages(StreamEnvironment env, long readings, double readingsPerSecond) {
    return averages(env, readings, readingsPerSecond, java.util.function.UnaryOperator.identity());
  }

  /** As above; {@code hold} may hold the source ({@link GeneratorSource#holdAt}). */
  public static DataStream<SensorAverage> averages(StreamEnvironment env, long readings, double readingsPerSecond,
      java.util.function.UnaryOperator<GeneratorSource<SensorReading>> hold) {
    GeneratorSource<SensorReading> source = hold.apply(
        new GeneratorSource<>(WindowedEvents::reading, readings, readingsPerSecond, READING, "Generator"));
    return env.fromSource(source, null, "Generator")
        .assignTimestampsAndWatermarks(WatermarkStrategy.<SensorReading>forBoundedOutOfOrderness(Duration.ofMillis(500))
            .withTimestampAssigner((r, ts) -> r.timestamp()))
        .keyBy(SensorReading::sensor, Types.STRING)
        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(1)))
        .sideOutputLateData(LATE)
        .aggregate(new Average(), new Label(), Types.tuple2(Types.DOUBLE, Types.LONG), AVERAGE)
        .name("Average per second");
  }

  /** (sum, count) accumulator. */
  static final class Average implements AggregateFunction<SensorReading, Tuple2<Double, Long>, Tuple2<Double, Long>> {
    @Override
    public Tuple2<Double, Long> createAccumulator() {
      return Tuple2.of(0.0, 0L);
    }

    @Override
    public Tuple2<Double, Long> add(SensorReading r, Tuple2<Double, Long> acc) {
      return Tuple2.of(acc.f0() + r.value(), acc.f1() + 1);
    }

    @Override
    public Tuple2<Double, Long> getResult(Tuple2<Double, Long> acc) {
      return acc;
    }

    @Override
    public Tuple2<Double, Long> merge(Tuple2<Double, Long> a, Tuple2<Double, Long> b) {
      return Tuple2.of(a.f0() + b.f0(), a.f1() + b.f1());
    }
  }

  /** Adds the sensor and the window to the aggregate. */
  static final class Label implements ProcessWindowFunction<Tuple2<Double, Long>, SensorAverage, String, TimeWindow> {
    @Override
    public void process(String sensor, Context<TimeWindow> ctx, Iterable<Tuple2<Double, Long>> sums,
        Collector<SensorAverage> out) {
      Tuple2<Double, Long> s = sums.iterator().next();
      out.collect(new SensorAverage(sensor, ctx.window().start(), ctx.window().end(), s.f1(),
          Math.round(s.f0() / s.f1() * 1000) / 1000.0));
    }
  }

  /**
   * Options: {@code --readings N --rate R --output DIR} (with an output directory, averages and late readings go
   * to exactly-once files in DIR/averages and DIR/late instead of standard output), {@code --hold-at I
   * --release-file PATH} ({@link ExampleArgs#held}).
   */
  public static void main(String[] args) throws Exception {
    ExampleArgs a = new ExampleArgs(args);
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    if (!a.has("parallelism") && env.config().parallelism() == 1) {
      env.setParallelism(2);
    }
    env.enableCheckpointing(java.time.Duration.ofMillis(a.getLong("checkpoint-interval", 1_000)));
    DataStream<SensorAverage> averages = averages(env, a.getLong("readings", 4_000), a.getLong("rate", 2_000),
        a::held);
    if (a.has("output")) {
      java.nio.file.Path out = java.nio.file.Path.of(a.get("output", "."));
      averages.sinkTo(new io.rivulet.api.connector.FileSink<>(out.resolve("averages"))).name("Averages");
      averages.sideOutput(LATE).sinkTo(new io.rivulet.api.connector.FileSink<>(out.resolve("late"))).name("Late");
    } else {
      averages.print("average");
      averages.sideOutput(LATE).print("late");
    }
    env.execute("windowed events");
  }
}
