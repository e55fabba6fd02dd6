package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Cluster overview, task managers, built-in list, OpenAPI and health. */
@QuarkusTest
class ClusterResourceTest {

  @Test
  void overviewHasFlinksFieldsAndOurVersion() {
    given().get("/v1/overview").then().statusCode(200)
        .body("taskmanagers", equalTo(1))
        .body("slots-total", equalTo(8))
        .body("slots-available", greaterThanOrEqualTo(0))
        .body("jobs-running", greaterThanOrEqualTo(0))
        .body("jobs-finished", greaterThanOrEqualTo(0))
        .body("jobs-cancelled", greaterThanOrEqualTo(0))
        .body("jobs-failed", greaterThanOrEqualTo(0))
        .body("rivulet-version", equalTo("0.1.0-SNAPSHOT"));
  }

  @Test
  void theEmbeddedTaskManagerIsListed() {
    given().get("/v1/taskmanagers").then().statusCode(200)
        .body("taskmanagers", hasSize(1))
        .body("taskmanagers[0].id", containsString("embedded-"))
        .body("taskmanagers[0].slotsNumber", equalTo(8))
        .body("taskmanagers[0].hardware.cpuCores", greaterThan(0))
        .body("taskmanagers[0].timeSinceLastHeartbeat", greaterThanOrEqualTo(0));
  }

  @Test
  void builtInsAreListedWithTheirParameters() {
    given().get("/v1/builtins").then().statusCode(200)
        .body("types.type", hasItems("sequence-source", "keyed-sequence-source", "map", "filter", "key-by",
            "keyed-relay", "fifo-check", "tumbling-count", "print-sink", "discard-sink", "log-sink", "kafka-sink"))
        .body("types.find { it.type == 'sequence-source' }.params.name", hasItems("from", "to"))
        .body("types.find { it.type == 'kafka-sink' }.role", equalTo("sink"))
        .body("types.find { it.type == 'kafka-sink' }.params.name", contains("topic", "bootstrapServers", "guarantee",
            "transactionalIdPrefix"))
        .body("types.find { it.type == 'kafka-sink' }.params.find { it.name == 'topic' }.required", equalTo(true))
        .body("types.find { it.type == 'keyed-relay' }.description", containsString("unchanged"))
        .body("types.find { it.type == 'fifo-check' }.needsKeyedInput", equalTo(true));
  }

  @Test
  void openApiDescribesTheApi() {
    given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
        .body("paths", notNullValue())
        .body("paths.'/v1/jobs'.post.summary", containsString("declarative job spec"))
        .body("paths.'/v1/jars/upload'", notNullValue())
        .body("paths.'/v1/jars/{jarId}/run'", notNullValue());
  }

  @Test
  void healthIsLiveAndReadyOnceTheJobStoreIsLoaded() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
        .body("checks.find { it.name == 'job-store' }.status", equalTo("UP"));
  }
}
