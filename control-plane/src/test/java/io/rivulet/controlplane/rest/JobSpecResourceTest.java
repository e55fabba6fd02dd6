package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Declarative job specs through POST /v1/jobs, run by the real embedded engine, and the job endpoints.
 *
 * <p>Jobs here avoid keyed state (fifo-check, tumbling-count): the engine's keyed state backends are still a
 * placeholder on this branch; those built-ins are covered by {@code KeyedBuiltInsTest} and the graph checks.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class JobSpecResourceTest {
  /** 2^62 + 1: doubling it (and anything above) overflows a long, which multiply reports as a failure. */
  private static final long OVERFLOWS_WHEN_DOUBLED = 4611686018427387905L;

  private static String overflowing(String restart) {
    return """
        {"name": "overflow", %s "nodes": [
          {"id": "n", "type": "sequence-source", "params": {"from": %d, "to": %d}},
          {"id": "double", "type": "map", "input": "n", "params": {"function": "multiply", "by": 2}},
          {"id": "out", "type": "discard-sink", "input": "double"}]}
        """.formatted(restart, OVERFLOWS_WHEN_DOUBLED - 10, OVERFLOWS_WHEN_DOUBLED);
  }

  @Test
  void boundedSpecRunsToTheEndWithPerVertexMetrics() {
    String id = submitSpec("""
        {"name": "doubles", "parallelism": 2, "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 1, "to": 2000}},
          {"id": "double", "type": "map", "input": "src", "parallelism": 1, "params": {"function": "multiply", "by": 2}},
          {"id": "big", "type": "filter", "input": "double", "parallelism": 1,
           "params": {"function": "greater-than", "value": 1000}},
          {"id": "out", "type": "discard-sink", "input": "big", "parallelism": 1}]}
        """);
    awaitState(id, "FINISHED");

    JsonPath job = given().get("/v1/jobs/" + id).then().statusCode(200)
        .body("jid", equalTo(id))
        .body("name", equalTo("doubles"))
        .body("end-time", greaterThanOrEqualTo(0L))
        .body("vertices", hasSize(2))
        .extract().jsonPath();
    assertThat(job.getLong("duration")).isEqualTo(job.getLong("end-time") - job.getLong("start-time"));
    assertThat(job.getList("vertices.name")).containsExactly("src", "double -> big -> out");
    assertThat(job.getList("vertices.parallelism")).containsExactly(2, 1);
    assertThat(job.getList("vertices.status")).containsOnly("FINISHED");
    assertThat(job.getLong("vertices[0].metrics.write-records")).isEqualTo(2000);
    assertThat(job.getLong("vertices[1].metrics.read-records")).isEqualTo(2000);
    assertThat(job.getList("vertices[0].subtasks")).hasSize(2);
    assertThat(job.getList("vertices[0].subtasks.status")).containsOnly("FINISHED");
    // where each subtask ran, kept after the end: the task runtime in the control plane's JVM when it runs embedded
    String embedded = given().get("/v1/taskmanagers").then().extract().path("taskmanagers[0].id");
    assertThat(embedded).startsWith("embedded-");
    assertThat(job.getList("vertices.subtasks.flatten().taskmanager-id")).containsOnly(embedded).hasSize(3);
    assertThat(job.getList("vertices[0].subtasks.metrics.write-records", Integer.class))
        .allMatch(n -> n == 1000);
    assertThat(job.getString("origin.kind")).isEqualTo("spec");
    assertThat(job.getString("origin.spec.name")).isEqualTo("doubles");

    given().get("/v1/jobs").then().statusCode(200).body("jobs.id", hasItem(id));
    JsonPath overview = given().get("/v1/jobs/overview").then().statusCode(200).extract().jsonPath();
    Map<String, Object> mine = overview.getList("jobs", Map.class).stream()
        .filter(j -> id.equals(j.get("jid"))).findFirst().orElseThrow();
    assertThat(mine).containsEntry("name", "doubles").containsEntry("state", "FINISHED").containsKeys("start-time",
        "end-time", "duration");
    assertThat(mine.get("tasks")).isEqualTo(tasks(3, 3));

    given().get("/v1/jobs/" + id + "/exceptions").then().statusCode(200)
        .body("root-exception", nullValue())
        .body("exceptionHistory.entries", hasSize(0));
    given().get("/v1/jobs/" + id + "/checkpoints").then().statusCode(200)
        .body("counts.completed", equalTo(0))
        .body("counts.in_progress", equalTo(0))
        .body("counts.restored", equalTo(0))
        .body("latest.completed", nullValue());
  }

  private static Map<String, Object> tasks(int total, int finished) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("total", total);
    for (String s : List.of("created", "scheduled", "deploying", "initializing", "running", "finished", "canceling",
        "canceled", "failed", "reconciling")) {
      m.put(s, s.equals("finished") ? finished : 0);
    }
    return m;
  }

  @Test
  void failureWithoutRestartStrategyFailsTheJobWithItsRootCause() {
    String id = submitSpec(overflowing(""));
    awaitState(id, "FAILED");
    JsonPath ex = given().get("/v1/jobs/" + id + "/exceptions").then().statusCode(200).extract().jsonPath();
    assertThat(ex.getString("root-exception")).startsWith("java.lang.ArithmeticException: long overflow");
    assertThat(ex.getLong("timestamp")).isPositive();
    assertThat(ex.getList("exceptionHistory.entries")).hasSize(1);
    assertThat(ex.getString("exceptionHistory.entries[0].exceptionName")).isEqualTo("java.lang.ArithmeticException");
    assertThat(ex.getString("exceptionHistory.entries[0].taskName")).isEqualTo("n -> double -> out (1/1)");
    given().get("/v1/jobs/" + id).then().body("end-time", greaterThanOrEqualTo(0L))
        .body("vertices[0].status", equalTo("FAILED"));
    given().get("/v1/overview").then().body("jobs-failed", greaterThanOrEqualTo(1));
  }

  @Test
  void everyRestartIsInTheExceptionHistoryNewestFirst() {
    String id = submitSpec(overflowing(
        "\"restartStrategy\": {\"type\": \"fixed-delay\", \"attempts\": 2, \"delay\": \"10ms\"},"));
    awaitState(id, "FAILED");
    JsonPath ex = given().get("/v1/jobs/" + id + "/exceptions").then().extract().jsonPath();
    List<Long> times = ex.getList("exceptionHistory.entries.timestamp", Long.class);
    assertThat(times).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(ex.getLong("timestamp")).isEqualTo(times.get(0));
    // the subtasks shown are those of the last attempt (the third run)
    given().get("/v1/jobs/" + id).then().body("vertices[0].subtasks[0].attempt", equalTo(2));
  }

  @Test
  void checkpointsOfARunningJobAreCountedAndKeptAfterCancel() {
    String id = submitSpec("""
        {"name": "endless", "checkpointInterval": "10ms", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 2, "rate": 2000}},
          {"id": "some", "type": "filter", "input": "src", "parallelism": 2,
           "params": {"function": "modulo-equals", "field": "key", "modulus": 2, "remainder": 0}},
          {"id": "out", "type": "discard-sink", "input": "some", "parallelism": 2}]}
        """);
    awaitState(id, "RUNNING");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        given().get("/v1/jobs/" + id + "/checkpoints").then().statusCode(200)
            .body("counts.completed", greaterThanOrEqualTo(2))
            .body("counts.total", greaterThanOrEqualTo(2))
            .body("latest.completed.id", greaterThanOrEqualTo(2))
            .body("latest.completed.status", equalTo("COMPLETED"))
            .body("latest.completed.external_path", containsString("checkpoints"))
            .body("latest.completed.state_size", greaterThanOrEqualTo(0))
            .body("latest.completed.end_to_end_duration", greaterThanOrEqualTo(0)));
    given().patch("/v1/jobs/" + id + "?mode=cancel").then().statusCode(202);
    awaitState(id, "CANCELED");
    given().get("/v1/jobs/" + id + "/checkpoints").then().body("counts.completed", greaterThanOrEqualTo(2));
  }

  @Test
  void cancelStopsAnUnboundedJobAndCannotBeRepeated() {
    String id = submitSpec("""
        {"name": "numbers", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 1, "rate": 1000}},
          {"id": "all", "type": "filter", "input": "src", "params": {"function": "greater-than", "field": "seq", "value": -1}},
          {"id": "out", "type": "log-sink", "input": "all"}]}
        """);
    awaitState(id, "RUNNING");
    given().get("/v1/overview").then().body("jobs-running", greaterThanOrEqualTo(1));
    given().patch("/v1/jobs/" + id).then().statusCode(202); // mode defaults to cancel, as in Flink
    awaitState(id, "CANCELED");
    given().patch("/v1/jobs/" + id + "?mode=cancel").then().statusCode(409)
        .body("errors[0]", containsString("CANCELED"));
  }

  @Test
  void keyByPartitionsByAField() {
    String id = submitSpec("""
        {"name": "arith", "parallelism": 2, "nodes": [
          {"id": "n", "type": "sequence-source", "params": {"from": 1, "to": 1000}},
          {"id": "times3", "type": "map", "input": "n", "params": {"function": "multiply", "by": 3}},
          {"id": "plus1", "type": "map", "input": "times3", "params": {"function": "add", "value": 1}},
          {"id": "even", "type": "filter", "input": "plus1", "params": {"function": "modulo-equals", "modulus": 2, "remainder": 0}},
          {"id": "bykey", "type": "key-by", "input": "even", "params": {"field": "value"}},
          {"id": "out", "type": "print-sink", "input": "bykey", "params": {"prefix": "arith"}}]}
        """);
    awaitState(id, "FINISHED");
    JsonPath job = given().get("/v1/jobs/" + id).then().extract().jsonPath();
    // 3n+1 is even for odd n: 500 of 1000 records pass the filter and cross the hash-partitioned edge
    assertThat(job.getList("vertices.name")).containsExactly("n -> times3 -> plus1 -> even", "out");
    assertThat(job.getLong("vertices[1].metrics.read-records")).isEqualTo(500);
  }
}
