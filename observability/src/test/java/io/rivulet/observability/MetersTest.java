package io.rivulet.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.runtime.execution.LocalExecutor;
import io.rivulet.runtime.execution.LocalJobHandle;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The meters of a job running in the embedded executor, read from a plain registry: they exist while the tasks run,
 * move with the data, and go when the job ends.
 */
class MetersTest {
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TaskMeters taskMeters = new TaskMeters(registry, "embedded");
  private final JobMeters jobMeters = new JobMeters(registry);

  @AfterEach
  void stop() {
    taskMeters.close();
  }

  private static JobGraph unboundedJob() {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    env.enableCheckpointing(Duration.ofMillis(200));
    // 20k records a second with event time = their number: the watermark moves, the CPU stays free
    env.fromSource(new GeneratorSource<>(i -> i, -1, 20_000, Types.LONG, "Numbers"),
            WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x), "Numbers")
        .rebalance().map(x -> x + 1, Types.LONG).name("Plus one")
        .sinkTo(new DiscardingSink<>());
    return env.jobGraph("metered");
  }

  @Test
  void taskAndJobMetersMoveWhileTheJobRunsAndGoWhenItEnds() throws Exception {
    LocalJobHandle job = new LocalExecutor(taskMeters, jobMeters).start(unboundedJob(), "job-7");
    try {
      await().atMost(LONG_ENOUGH).until(() -> taskMeters.boundTasks() == 4);
      await().atMost(LONG_ENOUGH).until(() -> recordsIn("Plus one") > 1_000);
      double first = recordsIn("Plus one");
      await().atMost(LONG_ENOUGH).until(() -> recordsIn("Plus one") > first);

      Meter any = registry.find("rivulet.task.records.in").meters().iterator().next();
      assertThat(any.getId().getTags()).extracting(t -> t.getKey())
          .containsExactlyInAnyOrder("job", "job_name", "vertex", "vertex_name", "subtask", "attempt", "runtime");
      assertThat(any.getId().getTag("job")).isEqualTo("job-7");
      assertThat(any.getId().getTag("runtime")).isEqualTo("embedded");
      assertThat(sum("rivulet.task.records.out", "Numbers")).isPositive();
      assertThat(sum("rivulet.task.bytes.in", "Plus one")).as("local channels hand over objects").isZero();
      // the head of the map task gets watermarks from the sources
      await().atMost(LONG_ENOUGH).until(() -> gauge("rivulet.task.current.watermark", "Plus one") > 0);
      assertThat(registry.find("rivulet.task.input.buffers.capacity").tag("vertex_name", vertex("Plus one"))
          .tag("pool", "exclusive").gauges()).hasSize(2)
          .allSatisfy(g -> assertThat(g.value()).as("two exclusive buffers per channel from two sources").isEqualTo(4));
      assertThat(registry.find("rivulet.task.source.lag").gauges()).as("only sources report a lag").hasSize(2)
          .allSatisfy(g -> assertThat(g.value()).as("the generator reports none").isNaN());
      // after a sample, busy + idle + back-pressured is one second
      await().atMost(LONG_ENOUGH).untilAsserted(() -> {
        double busy = gauge("rivulet.task.busy.ms.per.second", "Plus one");
        double idle = gauge("rivulet.task.idle.ms.per.second", "Plus one");
        double bp = gauge("rivulet.task.back.pressured.ms.per.second", "Plus one");
        assertThat(idle).as("a slow source leaves the map idle most of the time").isGreaterThan(0);
        assertThat(busy + idle + bp).isCloseTo(2 * 1_000.0, org.assertj.core.data.Offset.offset(1.0));
      });

      await().atMost(LONG_ENOUGH).until(() -> timer("rivulet.checkpoint.duration").count() >= 2);
      assertThat(registry.find("rivulet.checkpoints.completed").tag("job", "job-7").functionCounter().count())
          .isGreaterThanOrEqualTo(2);
      assertThat(registry.find("rivulet.checkpoint.last.size").tag("job", "job-7").gauge().value()).isPositive();
      assertThat(registry.find("rivulet.job.restarts").tag("job", "job-7").functionCounter().count()).isZero();
    } finally {
      job.cancel();
    }
    await().atMost(LONG_ENOUGH).until(() -> job.result().isDone());
    await().atMost(LONG_ENOUGH).until(() -> taskMeters.boundTasks() == 0 && jobMeters.boundJobs() == 0);
    assertThat(registry.find("rivulet.task.records.in").meters()).isEmpty();
    assertThat(registry.find("rivulet.checkpoint.duration").meters()).isEmpty();
  }

  @Test
  void latencyMarkersAreTimedPerSinkTaskAndSourceVertexAndTheTimersGoWithTheTasks() throws Exception {
    JobGraph graph = unboundedJob();
    graph.config().latencyMarkerInterval(Duration.ofMillis(20));
    int source = graph.vertices().get(0).id();
    LocalJobHandle job = new LocalExecutor(taskMeters, jobMeters).start(graph, "job-8");
    try {
      await().atMost(LONG_ENOUGH).until(() -> registry.find("rivulet.task.record.latency").timers().size() == 2
          && registry.find("rivulet.task.record.latency").timers().stream().allMatch(t -> t.count() >= 3));
      assertThat(registry.find("rivulet.task.record.latency").timers()).allSatisfy(t -> {
        assertThat(t.getId().getTag("job")).isEqualTo("job-8");
        assertThat(t.getId().getTag("vertex_name")).as("the sink's task").startsWith("Plus one");
        assertThat(t.getId().getTag("source_vertex")).isEqualTo(String.valueOf(source));
        assertThat(t.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isBetween(0.0, 30_000.0);
      });
      assertThat(registry.find("rivulet.task.record.latency").timers().stream().map(t -> t.getId().getTag("subtask")))
          .as("both sink subtasks get markers").containsExactlyInAnyOrder("0", "1");
    } finally {
      job.cancel();
    }
    await().atMost(LONG_ENOUGH).until(() -> job.result().isDone() && taskMeters.boundTasks() == 0);
    assertThat(registry.find("rivulet.task.record.latency").meters()).isEmpty();
  }

  @Test
  void noLatencyTimersWithoutMarkers() throws Exception {
    LocalJobHandle job = new LocalExecutor(taskMeters, jobMeters).start(unboundedJob(), "job-9");
    try {
      await().atMost(LONG_ENOUGH).until(() -> recordsIn("Plus one") > 1_000);
      // markers, had there been any, would arrive every 20 ms (the interval of the test above): none for 300 ms
      await().during(Duration.ofMillis(300)).atMost(LONG_ENOUGH)
          .until(() -> registry.find("rivulet.task.record.latency").meters().isEmpty());
    } finally {
      job.cancel();
    }
    await().atMost(LONG_ENOUGH).until(() -> job.result().isDone());
  }

  private double recordsIn(String vertexName) {
    return sum("rivulet.task.records.in", vertexName);
  }

  private double sum(String name, String vertexName) {
    return registry.find(name).tag("vertex_name", vertex(vertexName)).functionCounters().stream()
        .mapToDouble(FunctionCounter::count).sum();
  }

  private double gauge(String name, String vertexName) {
    List<Gauge> gauges = List.copyOf(registry.find(name).tag("vertex_name", vertex(vertexName)).gauges());
    return gauges.stream().mapToDouble(Gauge::value).sum();
  }

  /** The name of the vertex (a chain: its operators' names joined by arrows) whose head is {@code head}. */
  private String vertex(String head) {
    return registry.find("rivulet.task.records.in").meters().stream().map(m -> m.getId().getTag("vertex_name"))
        .filter(n -> n.startsWith(head)).findFirst().orElse(head);
  }

  private Timer timer(String name) {
    Timer t = registry.find(name).tag("job", "job-7").timer();
    return t != null ? t : Timer.builder("absent").register(new SimpleMeterRegistry());
  }
}
