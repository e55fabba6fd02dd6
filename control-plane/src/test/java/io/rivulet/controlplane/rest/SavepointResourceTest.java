package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.rivulet.controlplane.support.TempDataDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoints over REST on the real embedded engine: trigger, poll, stop with a savepoint, start from it, the
 * statistics under /checkpoints, and every refusal.
 */
@QuarkusTest
@QuarkusTestResource(TempDataDirectory.class)
class SavepointResourceTest {
  /** Runs until cancelled or stopped: 4 keys, slowly, keyed state in the checker. */
  static final String ENDLESS = """
      {"name": "endless", "parallelism": 2, "nodes": [
        {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "rate": 2000}},
        {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key"},
        {"id": "out", "type": "discard-sink", "input": "check"}]}
      """;

  @ConfigProperty(name = "rivulet.data.directory")
  Path dataDirectory;

  @TempDir
  Path tmp;

  @Test
  void aSavepointIsTakenPolledListedAndAJobStartsFromIt() throws Exception {
    String job = submitSpec(ENDLESS);
    Path target = tmp.resolve("savepoints");
    String trigger = triggerWhenRunning(job, "{\"target-directory\": \"" + target + "\"}");
    String location = awaitLocation(job, trigger);

    Path dir = Path.of(location);
    assertThat(dir.getParent()).isEqualTo(target);
    assertThat(dir.getFileName().toString()).startsWith("savepoint-" + job.substring(0, 6) + "-");
    assertThat(dir.resolve("_metadata")).exists();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".keyed")))
          .as("the checker's keyed state is in the savepoint's own directory").isNotEmpty();
    }
    JsonPath cps = given().get("/v1/jobs/" + job + "/checkpoints").then().statusCode(200).extract().jsonPath();
    assertThat(cps.getBoolean("latest.savepoint.is_savepoint")).isTrue();
    assertThat(cps.getString("latest.savepoint.external_path")).isEqualTo(location);
    assertThat(cps.getList("history.is_savepoint")).contains(true);
    assertThat(cps.getList("history.external_path")).contains(location);
    assertThat(cps.getLong("counts.completed")).isGreaterThanOrEqualTo(1);

    // no target named: the configured default under the data directory
    String second = triggerWhenRunning(job, "");
    assertThat(Path.of(awaitLocation(job, second)).getParent())
        .isEqualTo(dataDirectory.resolve("savepoints").toAbsolutePath());

    given().patch("/v1/jobs/" + job + "?mode=cancel").then().statusCode(202);
    awaitState(job, "CANCELED");
    assertThat(dir.resolve("_metadata")).as("a savepoint outlives its job").exists();

    // the same job again from the savepoint, with another parallelism for the keyed checker: it runs
    String resumed = submitSpec("""
        {"name": "resumed", "parallelism": 2, "savepointPath": "%s", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 4000, "rate": 4000}},
          {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key", "parallelism": 3},
          {"id": "out", "type": "discard-sink", "input": "check"}]}
        """.formatted(location));
    awaitState(resumed, "FINISHED");
    given().get("/v1/jobs/" + resumed + "/checkpoints").then().statusCode(200)
        .body("latest.restored.external_path", equalTo(location))
        .body("counts.restored", equalTo(1));
  }

  @Test
  void stopTakesASavepointAndThenCancelsTheJob() {
    String job = submitSpec(ENDLESS);
    Path target = tmp.resolve("stopped");
    String trigger = triggerWhenRunning(job, "stop", "{\"targetDirectory\": \"" + target + "\", \"drain\": false}");
    String location = awaitLocation(job, trigger);
    assertThat(Path.of(location).resolve("_metadata")).exists();
    awaitState(job, "CANCELED");
    given().get("/v1/jobs/" + job + "/checkpoints").then().statusCode(200)
        .body("latest.savepoint.external_path", equalTo(location))
        .body("history.is_savepoint", hasItem(true));
    // the request stays known after the job ended
    given().get("/v1/jobs/" + job + "/savepoints/" + trigger).then().statusCode(200)
        .body("status.id", equalTo("COMPLETED")).body("operation.location", equalTo(location));
  }

  @Test
  void aSubmissionRefusedForItsSavepointLeavesNoJobRecord() {
    int jobsBefore = given().get("/v1/jobs").then().extract().path("jobs.size()");
    given().contentType("application/json").body("""
        {"name": "from-nowhere", "savepointPath": "%s", "nodes": [
          {"id": "src", "type": "sequence-source", "params": {"from": 1, "to": 10}},
          {"id": "out", "type": "discard-sink", "input": "src"}]}
        """.formatted(tmp.resolve("no-such-savepoint"))).post("/v1/jobs").then().statusCode(400)
        .body("errors[0]", org.hamcrest.Matchers.containsString("cannot start from savepoint"));
    given().get("/v1/jobs").then().body("jobs.size()", equalTo(jobsBefore));
  }

  @Test
  void refusalsSayWhatIsWrong() throws Exception {
    String unknown = "0123456789abcdef0123456789abcdef";
    post(unknown, "savepoints", "{}").then().statusCode(404).body("errors[0]", containsString("not found"));
    post(unknown, "stop", "{}").then().statusCode(404).body("errors[0]", containsString("not found"));
    given().get("/v1/jobs/" + unknown + "/savepoints/abc").then().statusCode(404)
        .body("errors[0]", containsString("job '" + unknown + "' not found"));

    String job = submitSpec(ENDLESS);
    given().get("/v1/jobs/" + job + "/savepoints/nosuchtrigger").then().statusCode(404)
        .body("errors[0]", containsString("savepoint trigger 'nosuchtrigger'"));

    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    post(job, "savepoints", "{\"target-directory\": \"" + file.resolve("sp") + "\"}").then().statusCode(400)
        .body("errors[0]", containsString("target-directory: cannot create the directory"));
    post(job, "stop", "{\"targetDirectory\": \"" + file + "\"}").then().statusCode(400)
        .body("errors[0]", containsString("targetDirectory: '" + file + "' is not a writable directory"));
    post(job, "savepoints", "{\"target-directory\": \"relative/dir\"}").then().statusCode(400)
        .body("errors[0]", containsString("is relative"));
    post(job, "stop", "{\"drain\": true}").then().statusCode(400)
        .body("errors[0]", containsString("drain: true is not supported"));
    post(job, "savepoints", "{\"target\": \"/tmp\"}").then().statusCode(400)
        .body("errors[0]", containsString("target: unknown field; known: cancel-job, formatType, target-directory"));
    post(job, "savepoints", "{\"cancel-job\": \"yes\"}").then().statusCode(400)
        .body("errors[0]", containsString("cancel-job: must be true or false"));
    post(job, "savepoints", "[1]").then().statusCode(400);

    given().patch("/v1/jobs/" + job + "?mode=cancel").then().statusCode(202);
    awaitState(job, "CANCELED");
    post(job, "savepoints", "{}").then().statusCode(409)
        .body("errors[0]", containsString("is CANCELED: only a RUNNING job can take a savepoint"));
    post(job, "stop", "{}").then().statusCode(409);
  }

  @Test
  void cancelJobTrueCancelsAfterTheSavepoint() {
    String job = submitSpec(ENDLESS);
    String trigger = triggerWhenRunning(job, "{\"target-directory\": \"" + tmp.resolve("c") + "\", \"cancel-job\": true}");
    awaitLocation(job, trigger);
    awaitState(job, "CANCELED");
  }

  private static Response post(String job, String what, String body) {
    return given().contentType(ContentType.JSON).body(body).post("/v1/jobs/" + job + "/" + what);
  }

  static String triggerWhenRunning(String job, String body) {
    return triggerWhenRunning(job, "savepoints", body);
  }

  /** Until the job and every task of it runs the trigger is refused with 409; then 202 with the request id. */
  static String triggerWhenRunning(String job, String what, String body) {
    AtomicReference<String> id = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      Response r = post(job, what, body);
      if (r.statusCode() == 409) { // CREATED, or not every task runs yet
        return false;
      }
      r.then().statusCode(202);
      id.set(r.jsonPath().getString("request-id"));
      return true;
    });
    assertThat(id.get()).isNotBlank();
    return id.get();
  }

  /** Polls the request until it completed; it must have succeeded. */
  static String awaitLocation(String job, String trigger) {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
      String status = given().get("/v1/jobs/" + job + "/savepoints/" + trigger).then().statusCode(200)
          .extract().path("status.id");
      seen.add(status);
      return status.equals("COMPLETED");
    });
    assertThat(seen).allMatch(s -> s.equals("IN_PROGRESS") || s.equals("COMPLETED"));
    JsonPath done = given().get("/v1/jobs/" + job + "/savepoints/" + trigger).then().statusCode(200).extract().jsonPath();
    assertThat(done.getMap("operation.failure-cause")).as("the savepoint failed").isNull();
    return done.getString("operation.location");
  }
}
