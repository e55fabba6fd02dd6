package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The simulator job of the cluster demo as a declarative job spec (the same JSON a user can POST to
 * {@code /v1/jobs/spec} or paste into the Web UI): per-key sequence numbers, a keyBy over DIRECT (gRPC between
 * the task runtimes) into a relay, a keyBy over DURABLE (a Kafka topic) into the FIFO checker, whose per-key
 * summaries go to a Kafka topic exactly once. Sources send a latency marker every second.
 */
final class DemoSpec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoSpec() {}

  static String simulator(DemoCommand o, String outputTopic) {
    ObjectNode spec = JSON.createObjectNode();
    spec.put("name", "simulator");
    spec.put("parallelism", o.parallelism);
    spec.put("checkpointInterval", o.checkpointInterval);
    // one marker a second per source subtask: "record latency" traces in the demo's Zipkin, end to end through the
    // DIRECT and the DURABLE exchange, at no cost worth measuring (the benchmarks run without markers)
    spec.put("latencyMarkerInterval", "1s");
    ObjectNode restart = spec.putObject("restartStrategy");
    restart.put("type", "fixed-delay");
    restart.put("attempts", 3);
    restart.put("delay", "1s");
    ArrayNode nodes = spec.putArray("nodes");
    ObjectNode source = node(nodes, "source", "keyed-sequence-source", null);
    ObjectNode sourceParams = source.putObject("params").put("keys", o.keys).put("records", o.records)
        .put("rate", o.rate);
    if (o.holdAt >= 0) {
      sourceParams.put("holdAt", o.holdAt).put("releaseFile", o.releaseFile.toAbsolutePath().toString());
    }
    node(nodes, "route", "keyed-relay", "source").put("keyBy", "key");
    ObjectNode check = node(nodes, "check", "fifo-check", "route").put("keyBy", "key").put("exchange", "durable");
    long failAtSeq = failAtSeq(o);
    if (failAtSeq >= 0) {
      check.putObject("params").put("failAtSeq", failAtSeq);
    }
    node(nodes, "out", "kafka-sink", "check").putObject("params").put("topic", outputTopic);
    return spec.toPrettyString();
  }

  /** The sequence number (per key) at which the checker fails once, or -1 for none: 40% through by default. */
  static long failAtSeq(DemoCommand o) {
    if (o.failAt == 0) {
      return -1;
    }
    long perKey = o.records / Math.max(1, o.keys);
    return o.failAt > 0 ? o.failAt : perKey * 2 / 5;
  }

  private static ObjectNode node(ArrayNode nodes, String id, String type, String input) {
    ObjectNode n = nodes.addObject();
    n.put("id", id);
    n.put("type", type);
    if (input != null) {
      n.put("input", input);
    }
    return n;
  }

  /** One key summary as the Kafka sink writes it: {"key":..,"records":..,"violations":..,"lastSeq":..}. */
  static JsonNode parse(String value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("not a key summary: " + value, e);
    }
  }
}
