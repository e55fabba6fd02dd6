package io.rivulet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.config.StateBackendKind;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.tuple.Tuple2;
import io.rivulet.examples.fifo.FifoJob;
import io.rivulet.examples.fifo.KeySummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The example jobs, built by the same methods their main methods use, checked against expected results. */
class ExamplesTest {

  @Test
  void wordCountCountsEveryWord() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    List<Tuple2<String, Long>> rolling = WordCount.counts(env, WordCount.TEXT).executeAndCollect("wc");
    Map<String, Long> totals = rolling.stream().collect(Collectors.toMap(Tuple2::f0, Tuple2::f1, Math::max));
    Map<String, Long> expected = WordCount.TEXT.stream()
        .flatMap(l -> Arrays.stream(l.toLowerCase().split("\\W+"))).filter(w -> !w.isEmpty())
        .collect(Collectors.groupingBy(w -> w, Collectors.counting()));
    assertThat(totals).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(totals.get("to")).isEqualTo(4);
  }

  @Test
  void windowedEventsPutOutOfOrderReadingsInTheirWindowsAndVeryLateOnesAside() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    long n = 4_000;
    DataStream<SensorAverage> averages = WindowedEvents.averages(env, n, 4_000);
    CollectSink<SensorReading> late = new CollectSink<>();
    averages.sideOutput(WindowedEvents.LATE).sinkTo(late);
    List<SensorAverage> out = averages.executeAndCollect("windows");
    List<SensorReading> lateReadings = CollectSink.results(late.id());

    long counted = out.stream().mapToLong(SensorAverage::count).sum();
    assertThat(counted + lateReadings.size()).as("every reading is in a window or in the late output").isEqualTo(n);
    assertThat(lateReadings).isNotEmpty().allMatch(r -> r.sensor().startsWith("sensor-"));
    // the jittered (up to 300 ms) readings are not late: only some of the 5-second-late ones are
    assertThat((long) lateReadings.size()).isLessThanOrEqualTo(n / 97);
    // a window's count is exactly the on-time readings of its sensor and second
    // (all readings) minus (late readings), counted per sensor and second; two readings can be equal, so
    // subtract counts rather than filter by equality
    Map<String, Long> expected = new java.util.HashMap<>(LongStream.range(0, n).mapToObj(WindowedEvents::reading)
        .collect(Collectors.groupingBy(ExamplesTest::windowOf, Collectors.counting())));
    for (SensorReading r : lateReadings) {
      expected.merge(windowOf(r), -1L, Long::sum);
    }
    expected.values().removeIf(c -> c == 0);
    Map<String, Long> actual = out.stream().collect(Collectors.toMap(a -> a.sensor() + "@" + a.start(),
        SensorAverage::count));
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void keySummaryLinesReadBackAsWritten() {
    KeySummary s = new KeySummary(-3, 12, 1, 11);
    assertThat(FifoJob.parseSummary(s.toString())).isEqualTo(s);
  }

  private static String windowOf(SensorReading r) {
    return r.sensor() + "@" + (r.timestamp() / 1000 * 1000);
  }

  @ParameterizedTest
  @EnumSource(StateBackendKind.class)
  void fifoJobSeesNoViolationEvenAfterAFailure(StateBackendKind backend) throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(2).setStateBackend(backend).enableCheckpointing(Duration.ofMillis(100))
        .setRestartStrategy(RestartStrategy.fixedDelay(2, Duration.ofMillis(10)));
    long records = 200_000;
    List<KeySummary> summaries = FifoJob.build(env, 100, records, 200_000, 30_000).executeAndCollect("fifo");
    FifoJob.Verdict v = FifoJob.Verdict.of(summaries);
    assertThat(v.violations()).isZero();
    assertThat(v.records()).isEqualTo(records);
    assertThat(v.keys()).isEqualTo(100);
  }
}
