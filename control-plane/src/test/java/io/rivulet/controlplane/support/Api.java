package io.rivulet.controlplane.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;

/** Small REST helpers shared by the resource tests. */
public final class Api {
  private Api() {}

  /** Submits a spec that must be accepted; returns the job id. */
  public static String submitSpec(String spec) {
    return given().contentType(ContentType.JSON).body(spec).post("/v1/jobs")
        .then().statusCode(202).extract().path("jobid");
  }

  public static String state(String jobId) {
    return given().get("/v1/jobs/" + jobId).then().statusCode(200).extract().path("state");
  }

  /** Waits (at most 60 s) until the job is in {@code state}. */
  public static void awaitState(String jobId, String state) {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> given().get("/v1/jobs/" + jobId).then().statusCode(200).body("state", equalTo(state)));
  }

  /** The service answers and is ready: what every bad request must leave behind. */
  public static void assertHealthy() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/v1/jobs").then().statusCode(200);
  }
}
