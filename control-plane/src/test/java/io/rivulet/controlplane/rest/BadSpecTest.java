package io.rivulet.controlplane.rest;

import static io.restassured.RestAssured.given;
import static io.rivulet.controlplane.support.Api.assertHealthy;
import static io.rivulet.controlplane.support.Api.awaitState;
import static io.rivulet.controlplane.support.Api.submitSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad spec gets a 400 in Flink's error shape whose message names the offending field by its JSON
 * path; afterwards the service is healthy and accepts a good spec.
 */
@QuarkusTest
class BadSpecTest {
  private static final String GOOD = """
      {"name": "good", "nodes": [
        {"id": "src", "type": "sequence-source", "params": {"from": 1, "to": 10}},
        {"id": "out", "type": "discard-sink", "input": "src"}]}
      """;

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        Arguments.of("malformed JSON", "{\"name\": \"x\", \"nodes\": [", "malformed JSON at line 1"),
        Arguments.of("empty body", "", "the request body is empty"),
        Arguments.of("not an object", "[1, 2]", "must be a JSON object, was an array"),
        Arguments.of("no nodes", "{\"name\": \"x\"}", "nodes: required"),
        Arguments.of("unknown top-level field", """
            {"name": "x", "paralelism": 2, "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 2}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""", "paralelism: unknown field"),
        Arguments.of("unknown operator", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 2}},
              {"id": "f", "type": "fliter", "input": "s"}, {"id": "o", "type": "discard-sink", "input": "f"}]}""",
            "nodes[1].type: unknown type 'fliter' (did you mean 'filter'?); known: sources: keyed-sequence-source,"
                + " sequence-source; operators: fifo-check, filter, key-by, keyed-relay, map, tumbling-count; sinks:"
                + " discard-sink, kafka-sink, log-sink, print-sink"),
        Arguments.of("missing required param", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.to: required parameter is missing"),
        Arguments.of("wrong param type", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": "one", "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.from: must be an integer, was the string \"one\""),
        Arguments.of("unknown param", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5, "step": 2}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.step: unknown parameter; known: from, to, rate, holdAt, releaseFile"),
        Arguments.of("a hold without its release file", """
            {"nodes": [{"id": "s", "type": "keyed-sequence-source", "params": {"keys": 1, "records": 5, "holdAt": 2}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.releaseFile: holdAt and releaseFile come together: a held source needs the file that"
                + " releases it"),
        Arguments.of("param out of range", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 10, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.to: must not be below from (10), was 5"),
        Arguments.of("unknown input id", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "src"}]}""",
            "nodes[1].input: unknown node id 'src'; ids: s, o"),
        Arguments.of("duplicate id", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "s", "type": "discard-sink", "input": "s"}]}""",
            "nodes[1].id: 's' is already the id of nodes[0]"),
        Arguments.of("cycle", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "a", "type": "map", "input": "b", "params": {"function": "add", "value": 1}},
              {"id": "b", "type": "map", "input": "a", "params": {"function": "add", "value": 1}},
              {"id": "o", "type": "discard-sink", "input": "b"}]}""",
            "nodes: the job graph has a cycle through 'a'"),
        Arguments.of("parallelism 0", """
            {"parallelism": 0, "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "parallelism: must be at least 1, was 0"),
        Arguments.of("node parallelism 0", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}, "parallelism": 0},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].parallelism: must be at least 1, was 0"),
        Arguments.of("keyed operator without key", """
            {"nodes": [{"id": "s", "type": "keyed-sequence-source", "params": {"keys": 2, "records": 10}},
              {"id": "c", "type": "fifo-check", "input": "s"}, {"id": "o", "type": "discard-sink", "input": "c"}]}""",
            "nodes[1].keyBy: 'fifo-check' works per key: set \"keyBy\" to a field of its input (seq-event: key, seq)"),
        Arguments.of("unknown key field", """
            {"nodes": [{"id": "s", "type": "keyed-sequence-source", "params": {"keys": 2, "records": 10}},
              {"id": "c", "type": "fifo-check", "input": "s", "keyBy": "kye"}, {"id": "o", "type": "discard-sink", "input": "c"}]}""",
            "nodes[1].keyBy: 'kye' is not a field of seq-event; fields: key, seq"),
        Arguments.of("record type mismatch", """
            {"nodes": [{"id": "s", "type": "keyed-sequence-source", "params": {"keys": 2, "records": 10}},
              {"id": "m", "type": "map", "input": "s", "params": {"function": "multiply", "by": 2}},
              {"id": "o", "type": "discard-sink", "input": "m"}]}""",
            "nodes[1].input: 'map' takes number records, but 's' emits seq-event"),
        Arguments.of("unknown function", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "m", "type": "map", "input": "s", "params": {"function": "divide", "by": 2}},
              {"id": "o", "type": "discard-sink", "input": "m"}]}""",
            "nodes[1].params.function: unknown function 'divide'; known: multiply, add"),
        Arguments.of("parameter of another function", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "m", "type": "map", "input": "s", "params": {"function": "multiply", "value": 2}},
              {"id": "o", "type": "discard-sink", "input": "m"}]}""",
            "nodes[1].params.by: required by function 'multiply'"),
        Arguments.of("input of a source", """
            {"nodes": [{"id": "s", "type": "sequence-source", "input": "o", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].input: 'sequence-source' is a source and takes no input"),
        Arguments.of("sink as input", """
            {"nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}, {"id": "p", "type": "print-sink", "input": "o"}]}""",
            "nodes[2].input: 'o' is a sink (discard-sink) and emits nothing"),
        Arguments.of("no sink", """
            {"name": "nosink", "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}}]}""",
            "nodes: job 'nosink' has no sink"),
        Arguments.of("keys not a multiple of parallelism", """
            {"parallelism": 2, "nodes": [{"id": "s", "type": "keyed-sequence-source", "params": {"keys": 3}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "nodes[0].params.keys: must be a multiple of the source's parallelism (2)"),
        Arguments.of("bad checkpoint interval", """
            {"checkpointInterval": "soon", "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "checkpointInterval: must be a duration"),
        Arguments.of("bad restart strategy", """
            {"restartStrategy": {"type": "sometimes"}, "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1, "to": 5}},
              {"id": "o", "type": "discard-sink", "input": "s"}]}""",
            "restartStrategy.type: unknown restart strategy 'sometimes'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void badSpecIsRefusedWithItsPathAndTheServiceStaysHealthy(String what, String spec, String expected) {
    Response r = given().contentType(ContentType.JSON).body(spec).post("/v1/jobs");
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/json");
    List<String> errors = r.jsonPath().getList("errors");
    assertThat(errors).as(what).anySatisfy(e -> assertThat(e).contains(expected));

    assertHealthy();
    awaitState(submitSpec(GOOD), "FINISHED");
  }

  @org.junit.jupiter.api.Test
  void everyProblemOfASpecIsReportedAtOnce() {
    Response r = given().contentType(ContentType.JSON).body("""
        {"parallelism": "two", "nodes": [{"id": "s", "type": "sequence-source", "params": {"from": 1}},
          {"type": "nope", "input": "s"}]}""").post("/v1/jobs");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.jsonPath().getList("errors", String.class)).anyMatch(e -> e.startsWith("parallelism: must be an integer"))
        .anyMatch(e -> e.startsWith("nodes[0].params.to: required"))
        .anyMatch(e -> e.startsWith("nodes[1].id: required"))
        .anyMatch(e -> e.startsWith("nodes[1].type: unknown type 'nope'"));
  }

  @org.junit.jupiter.api.Test
  void unknownJobIdsAndWrongRequestsAre4xxJson() {
    for (String path : List.of("/v1/jobs/0123456789abcdef0123456789abcdef", "/v1/jobs/nope/exceptions",
        "/v1/jobs/nope/checkpoints")) {
      given().get(path).then().statusCode(404).contentType(ContentType.JSON)
          .body("errors[0]", org.hamcrest.Matchers.containsString("not found"));
    }
    given().patch("/v1/jobs/nope?mode=cancel").then().statusCode(404);
    given().get("/v1/nothing-here").then().statusCode(404).contentType(ContentType.JSON)
        .body("errors[0]", org.hamcrest.Matchers.containsString("no such resource: /v1/nothing-here"));
    given().contentType(ContentType.TEXT).body("hello").post("/v1/jobs").then().statusCode(415)
        .contentType(ContentType.JSON);
    String id = submitSpec(GOOD);
    given().patch("/v1/jobs/" + id + "?mode=stop").then().statusCode(400)
        .body("errors[0]", org.hamcrest.Matchers.equalTo("mode: unknown 'stop'; supported: cancel"));
    assertHealthy();
  }
}
