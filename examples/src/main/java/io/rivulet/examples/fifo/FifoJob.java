package io.rivulet.examples.fifo;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.serialization.Types;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The FIFO job: a source emits per-key sequence numbers, records go through {@code keyBy}, and a checker keeps
 * the last sequence number per key and counts violations. Per-key order holds end to end because each key's
 * records come from one source subtask (the number of keys is a multiple of the parallelism).
 */
public final class FifoJob {
  public static final TypeSerializer<SeqEvent> SEQ_EVENT = Types.of(SeqEvent.class);
  public static final TypeSerializer<KeySummary> KEY_SUMMARY = Types.of(KeySummary.class);

  private FifoJob() {}

  /** Record {@code i} of the source: key {@code i % keys}, sequence number {@code i / keys}. */
  public static SeqEvent event(long i, int keys) {
    return new SeqEvent((int) (i % keys), i / keys);
  }

  /**
   * @param records total records (-1: unbounded)
   * @param recordsPerSecond total rate, 0 for as fast as possible
   * @param failAtRecord > 0 injects one failure in the checker (first attempt only)
   */
  public static DataStream<KeySummary> build(StreamEnvironment env, int keys, long records, double recordsPerSecond,
      long failAtRecord) {
    return build(env, keys, records, recordsPerSecond, failAtRecord, UnaryOperator.identity());
  }

  /** As above; {@code hold} may hold the source ({@link GeneratorSource#holdAt}). */
  public static DataStream<KeySummary> build(StreamEnvironment env, int keys, long records, double recordsPerSecond,
      long failAtRecord, UnaryOperator<GeneratorSource<SeqEvent>> hold) {
    int parallelism = env.config().parallelism();
    if (keys % parallelism != 0) {
      throw new IllegalArgumentException("keys (" + keys + ") must be a multiple of the parallelism ("
          + parallelism + ") so that each key's records come from one source subtask");
    }
    GeneratorSource<SeqEvent> source = hold.apply(
        new GeneratorSource<>(i -> event(i, keys), records, recordsPerSecond, SEQ_EVENT, "Generator"));
    return env.fromSource(source, null, "Generator").name("Sequence source")
        .keyBy(SeqEvent::key, Types.INT)
        .process(new FifoChecker(failAtRecord), KEY_SUMMARY).name("FIFO checker");
  }

  /** The verdict over all key summaries. */
  public record Verdict(long keys, long records, long violations) {
    public static Verdict of(List<KeySummary> summaries) {
      long records = 0;
      long violations = 0;
      for (KeySummary s : summaries) {
        records += s.records();
        violations += s.violations();
      }
      return new Verdict(summaries.size(), records, violations);
    }

    @Override
    public String toString() {
      return "fifo_violations=" + violations + " records=" + records + " keys=" + keys;
    }
  }

  /**
   * Options: {@code --keys K --records N --rate R --checkpoint-interval MS --output DIR --checker-parallelism P
   * --restarts R --hold-at I --release-file PATH} (the last two: {@link io.rivulet.examples.ExampleArgs#held};
   * {@code --restarts}: restarts allowed, 1 s apart, default 3). With
   * an output directory the key summaries go to exactly-once files there (for runs on a cluster); otherwise the verdict
   * is printed. {@code --checker-parallelism} sets the keyed checker's own parallelism (source and sink keep the job's):
   * its state is keyed, so a run from a savepoint may change it, while the source's position and the sink's pending
   * files are tied to their subtask index.
   */
  public static void main(String[] args) throws Exception {
    io.rivulet.examples.ExampleArgs a = new io.rivulet.examples.ExampleArgs(args);
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    if (env.config().parallelism() == 1) {
      env.setParallelism(2);
    }
    env.enableCheckpointing(java.time.Duration.ofMillis(a.getLong("checkpoint-interval", 1_000)))
        .setRestartStrategy(io.rivulet.api.config.RestartStrategy.fixedDelay((int) a.getLong("restarts", 3),
            java.time.Duration.ofSeconds(1)));
    DataStream<KeySummary> summaries = build(env, (int) a.getLong("keys", 1_000), a.getLong("records", 1_000_000),
        a.getLong("rate", 0), 0, a::held);
    if (a.has("checker-parallelism")) {
      summaries.parallelism((int) a.getLong("checker-parallelism", 1));
    }
    if (a.has("output")) {
      summaries.sinkTo(new io.rivulet.api.connector.FileSink<>(java.nio.file.Path.of(a.get("output", "."))))
          .name("Summaries");
      env.execute("fifo");
    } else {
      System.out.println(Verdict.of(summaries.executeAndCollect("fifo")));
    }
  }

  /** Reads a summary back from the line {@link KeySummary#toString()} wrote. */
  public static KeySummary parseSummary(String line) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("KeySummary\\[key=(-?\\d+), records=(\\d+), violations=(\\d+), lastSeq=(-?\\d+)\\]").matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a key summary: " + line);
    }
    return new KeySummary(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
        Long.parseLong(m.group(4)));
  }
}
