package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the Web UI reads besides Flink's endpoints: the plan, watermarks, the throughput history, the UI itself. */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class WebUiApiTest {

  @Test
  void planHasTheVerticesWithChainedOperatorsAndTheEdgesWithPartitioningAndExchange() {
    String id = submitSpec("""
        {"name": "plan", "parallelism": 2, "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 1, "to": 100}},
          {"id": "double", "type": "map", "input": "src", "parallelism": 1, "params": {"function": "multiply", "by": 2}},
          {"id": "out", "type": "discard-sink", "input": "double", "parallelism": 1}]}
        """);
    JsonPath plan = given().get("/v1/jobs/" + id + "/plan").then().statusCode(200)
        .body("plan.jid", equalTo(id)).body("plan.name", equalTo("plan")).body("plan.type", equalTo("STREAMING"))
        .body("plan.complete", equalTo(true))
        .extract().jsonPath();
    List<Map<String, Object>> nodes = plan.getList("plan.nodes");
    assertThat(nodes).hasSize(2);
    assertThat(plan.getList("plan.nodes.operators")).containsExactly(List.of("src"), List.of("double", "out"));
    assertThat(plan.getList("plan.nodes.parallelism")).containsExactly(2, 1);
    assertThat(plan.getList("plan.nodes[0].inputs")).isEmpty();
    assertThat(plan.getMap("plan.nodes[1].inputs[0]")).containsEntry("num", 0)
        .containsEntry("id", plan.getString("plan.nodes[0].id"))
        .containsEntry("ship_strategy", "REBALANCE").containsEntry("exchange", "DIRECT")
        .doesNotContainKey("side-output");
    // the plan's node ids are the job's vertex ids
    awaitState(id, "FINISHED");
    assertThat(given().get("/v1/jobs/" + id).then().extract().<List<String>>path("vertices.id"))
        .containsExactlyElementsOf(plan.getList("plan.nodes.id", String.class));
  }

  @Test
  void planOfAnUnknownJobIs404() {
    given().get("/v1/jobs/nope/plan").then().statusCode(404).body("errors[0]", containsString("'nope' not found"));
  }

  @Test
  void watermarkIsAbsentWhileNoneIsReported() {
    String id = submitSpec("""
        {"name": "wm", "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 1, "to": 10}},
          {"id": "out", "type": "discard-sink", "input": "src"}]}
        """);
    awaitState(id, "FINISHED");
    Map<String, Object> vertex = given().get("/v1/jobs/" + id).then().extract().path("vertices[0]");
    assertThat(vertex).containsKey("metrics").doesNotContainKey("watermark");
  }

  @Test
  void throughputIsSampledOnceASecondWhileJobsRun() {
    String id = submitSpec("""
        {"name": "throughput", "parallelism": 2, "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 2, "rate": 1000}},
          {"id": "out", "type": "discard-sink", "input": "src", "keyBy": "key"}]}
        """);
    try {
      await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        JsonPath t = given().get("/v1/overview/throughput").then().statusCode(200)
            .body("interval", equalTo(1000)).extract().jsonPath();
        List<Float> rates = t.getList("samples.records-per-second", Float.class);
        assertThat(rates).isNotEmpty();
        assertThat(rates.get(rates.size() - 1)).isGreaterThan(0f);
      });
    } finally {
      given().patch("/v1/jobs/" + id + "?mode=cancel");
      awaitState(id, "CANCELED");
    }
  }

  @Test
  void theUiIsServedAtTheRootAndRevalidatedByBrowsers() {
    given().get("/").then().statusCode(200).contentType(containsString("text/html"))
        .body(containsString("<script type=\"module\" src=\"js/app.js\">"));
    given().get("/js/app.js").then().statusCode(200).header("Cache-Control", containsString("max-age=0"));
    given().get("/css/app.css").then().statusCode(200);
  }
}
