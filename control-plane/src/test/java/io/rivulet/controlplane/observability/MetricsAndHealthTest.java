package io.rivulet.controlplane.observability;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The control plane's {@code /q/metrics} and health in embedded mode: a running job's task and checkpoint meters,
 * tagged with the job's REST id, move and go when it is cancelled; readiness names the task runtimes.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class MetricsAndHealthTest {
  private static final Duration LONG_ENOUGH = Duration.ofSeconds(30);

  @Test
  void aRunningJobsMetersMoveAndGoWhenItIsCancelled() {
    String id = submitSpec("""
        {"name": "metered", "parallelism": 1, "checkpointInterval": "200ms", "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 0, "to": 4000000000000000000}},
          {"id": "same", "type": "map", "input": "src", "parallelism": 2, "params": {"function": "multiply", "by": 1}},
          {"id": "out", "type": "discard-sink", "input": "same", "parallelism": 2}]}
        """);
    try {
      await().atMost(LONG_ENOUGH).until(() -> sum(scrape(), "rivulet_task_records_in_total", id) > 0);
      double first = sum(scrape(), "rivulet_task_records_in_total", id);
      await().atMost(LONG_ENOUGH).until(() -> sum(scrape(), "rivulet_task_records_in_total", id) > first);
      await().atMost(LONG_ENOUGH).until(() -> sum(scrape(), "rivulet_checkpoint_duration_seconds_count", id) >= 1);
      String metrics = scrape();
      assertThat(metrics).containsPattern("rivulet_task_records_out_total\\{[^}]*runtime=\"embedded\"");
      assertThat(metrics).containsPattern("rivulet_job_restarts_total\\{[^}]*job=\"" + id + "\"[^}]*\\} 0\\.0");
      assertThat(metrics).contains("rivulet_checkpoint_last_duration_seconds{", "rivulet_checkpoint_last_size_bytes{",
          "rivulet_checkpoint_size_bytes_bucket{", "rivulet_checkpoints_completed_total{");
    } finally {
      given().patch("/v1/jobs/" + id + "?mode=cancel").then().statusCode(202);
    }
    awaitState(id, "CANCELED");
    await().atMost(LONG_ENOUGH).until(() -> !scrape().contains("job=\"" + id + "\""));
  }

  @Test
  void readinessNamesTheTaskRuntimesAndLivenessIsUp() {
    given().get("/q/health/ready").then().statusCode(200)
        .body("checks.find { it.name == 'task-runtimes' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'task-runtimes' }.data.mode", equalTo("embedded"))
        .body("checks.find { it.name == 'task-runtimes' }.data.registered", equalTo(1));
    given().get("/q/health/live").then().statusCode(200)
        .body("checks.find { it.name == 'control-plane' }.status", equalTo("UP"));
  }

  private static String scrape() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The sum of a meter's samples tagged with the job. */
  private static double sum(String metrics, String name, String jobId) {
    Matcher m = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} ([0-9.E+-]+)$", Pattern.MULTILINE)
        .matcher(metrics);
    double sum = 0;
    while (m.find()) {
      if (m.group(1).contains("job=\"" + jobId + "\"")) {
        sum += Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
