package io.rivulet.taskruntime;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.DeployRequest;
import io.rivulet.proto.control.JobRef;
import io.rivulet.proto.control.TaskSummary;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The application's {@code /q/metrics} while a job runs in it: the {@code rivulet_task_*} meters of its tasks exist,
 * move between two scrapes, and go when the job is cancelled; heartbeats carry the tasks' watermarks.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeControlPlaneResource.class, restrictToAnnotatedClass = true)
class RuntimeMetricsTest {
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(120);
  private static final String JOB = "metered-job";

  /** Injected by {@link FakeControlPlaneResource}. */
  FakeControlPlane controlPlane;

  @Inject
  RuntimeHost host;

  private static JobGraph job() {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.setParallelism(2);
    // 20k records a second with event time = their number, so that records and watermarks move
    env.fromSource(new GeneratorSource<>(i -> i, -1, 20_000, Types.LONG, "Numbers"),
            WatermarkStrategy.<Long>forMonotonousTimestamps().withTimestampAssigner((x, ts) -> x), "Numbers")
        .rebalance().map(x -> x + 1, Types.LONG).name("Plus one")
        .sinkTo(new DiscardingSink<>());
    return env.jobGraph("metered");
  }

  @Test
  void recordsInOfARunningJobGrowBetweenTwoScrapes() {
    await().atMost(LONG_ENOUGH).until(() -> host.node() != null && host.node().isRegistered());
    JobGraph graph = job();
    int map = graph.vertices().get(1).id();
    DeployRequest request = new DeployPlan(graph, JOB).on(host.node()).requests().get(host.node());
    Ack ack = controlPlane.runtime("quarkus-runtime").deploy(request);
    assertThat(ack.getOk()).as(ack.getMessage()).isTrue();
    try {
      await().atMost(LONG_ENOUGH).until(() -> recordsIn(scrape()) > 0);
      double first = recordsIn(scrape());
      await().atMost(LONG_ENOUGH).until(() -> recordsIn(scrape()) > first);

      String metrics = scrape();
      assertThat(metrics).contains("rivulet_task_records_out_total{", "rivulet_task_bytes_in_total{",
          "rivulet_task_back_pressured_ms_total{", "rivulet_task_back_pressured_ms_per_second{",
          "rivulet_task_busy_ms_per_second{", "rivulet_task_input_queue_length{", "rivulet_task_output_queue_length{",
          "rivulet_task_output_credit{", "rivulet_task_current_watermark{", "rivulet_task_source_lag{");
      assertThat(metrics).containsPattern("rivulet_task_input_buffers_capacity\\{[^}]*pool=\"floating\"[^}]*\\} 8\\.0");
      assertThat(metrics).containsPattern("rivulet_task_records_in_total\\{[^}]*runtime=\"quarkus-runtime\"");
      assertThat(metrics).contains("rivulet_runtime_tasks 4.0");

      // the heartbeat reports the head operator's watermark, for the control plane's job view
      await().atMost(LONG_ENOUGH).until(() -> controlPlane.heartbeats.stream()
          .flatMap(h -> h.getTasksList().stream())
          .filter(t -> t.getJobId().equals(JOB) && t.getVertexId() == map)
          .mapToLong(TaskSummary::getCurrentWatermark).max().orElse(Long.MIN_VALUE) > 0);
    } finally {
      controlPlane.runtime("quarkus-runtime").cancelJob(JobRef.newBuilder().setJobId(JOB).build());
    }
    await().atMost(LONG_ENOUGH).until(() -> !scrape().contains("job=\"" + JOB + "\""));
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  private static final Pattern RECORDS_IN = Pattern.compile(
      "^rivulet_task_records_in_total\\{([^}]*)\\} ([0-9.E+-]+)$", Pattern.MULTILINE);

  /** Records in of the map subtasks of the job, summed. */
  private static double recordsIn(String metrics) {
    Matcher m = RECORDS_IN.matcher(metrics);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains("job=\"" + JOB + "\"") && m.group(1).contains("vertex_name=\"Plus one")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
