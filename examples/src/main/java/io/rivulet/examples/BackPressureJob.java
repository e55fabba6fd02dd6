package io.rivulet.examples;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.FileSink;
import io.rivulet.api.functions.Collector;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.serialization.GenerateSerializer;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.state.ValueState;
import io.rivulet.api.state.ValueStateDescriptor;
import io.rivulet.api.tuple.Tuple2;
import java.nio.file.Path;

/**
 * A source much faster than its consumer: every consumer subtask stalls for a while after its first record, then
 * counts records per key and writes the counts at the end. With credit-based flow control the source stops
 * when credit runs out and memory stays bounded; afterwards every record arrives exactly once.
 */
public final class BackPressureJob {
  /** A record with a 100-byte payload, so that unbounded buffering would show in the heap. */
  @GenerateSerializer
  public record Payload(long id, byte[] data) {}

  private BackPressureJob() {}

  /**
   * Options: {@code --records N --keys K --stall-ms MS --output DIR}, or instead of a stall of fixed length
   * {@code --stall-until FILE} (each consumer subtask stalls until FILE exists) with {@code --stall-markers DIR}
   * (where each writes {@code stalled-<subtask>} once its stall began), so that a test decides when the stall ends.
   */
  public static void main(String[] args) throws Exception {
    ExampleArgs a = new ExampleArgs(args);
    long records = a.getLong("records", 2_000_000);
    int keys = (int) a.getLong("keys", 64);
    long stallMillis = a.getLong("stall-ms", 5_000);
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    if (env.config().parallelism() == 1) {
      env.setParallelism(2);
    }
    TypeSerializer<Payload> payload = Types.of(Payload.class);
    TypeSerializer<Tuple2<Long, Long>> pair = Types.tuple2(Types.LONG, Types.LONG);
    env.fromGenerator(i -> new Payload(i, new byte[100]), records, 0, payload).name("Fast source")
        .keyBy(p -> p.id() % keys, Types.LONG)
        .map(new Stall(stallMillis, a.get("stall-until", null), a.get("stall-markers", null)), payload)
        .name("Stalling consumer")
        .keyBy(p -> p.id() % keys, Types.LONG)
        .process(new CountPerKey(), pair).name("Count per key")
        .sinkTo(new FileSink<>(Path.of(a.get("output", "back-pressure-out")))).name("Counts");
    env.execute("back pressure");
  }

  /**
   * Stalls once, at its first record: for {@code stallMillis}, or until the file {@code until} exists (then it first
   * writes {@code stalled-<subtask>} into {@code markers}, if given). The task thread is blocked meanwhile: the
   * consumer is gone for a while, and its input fills up.
   */
  static final class Stall implements MapFunction<Payload, Payload> {
    private final long stallMillis;
    private final String until;
    private final String markers;
    private transient boolean stalled;
    private transient int subtask;

    Stall(long stallMillis, String until, String markers) {
      this.stallMillis = stallMillis;
      this.until = until;
      this.markers = markers;
    }

    @Override
    public void open(RuntimeContext context) {
      stalled = context.attemptNumber() > 0; // only the first attempt stalls
      subtask = context.subtaskIndex();
    }

    @Override
    public Payload map(Payload value) throws Exception {
      if (!stalled) {
        stalled = true;
        if (until == null) {
          Thread.sleep(stallMillis);
        } else {
          if (markers != null) {
            java.nio.file.Files.createDirectories(Path.of(markers));
            java.nio.file.Files.writeString(Path.of(markers, "stalled-" + subtask), "");
          }
          while (!java.nio.file.Files.exists(Path.of(until))) {
            Thread.sleep(20);
          }
        }
      }
      return value;
    }
  }

  /** Counts per key; emits (key, count) at the end of input. */
  static final class CountPerKey implements KeyedProcessFunction<Long, Payload, Tuple2<Long, Long>> {
    private transient ValueState<Long> count;

    @Override
    public void open(RuntimeContext context) {
      count = context.state().getState(new ValueStateDescriptor<>("count", Types.LONG));
    }

    @Override
    public void processElement(Payload value, Context<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      Long c = count.value();
      if (c == null) {
        c = 0L;
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      }
      count.update(c + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Long> ctx, Collector<Tuple2<Long, Long>> out) {
      out.collect(Tuple2.of(ctx.currentKey(), count.value()));
    }
  }
}
