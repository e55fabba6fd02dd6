package io.rivulet.controlplane.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.config.JobConfig;
import io.rivulet.api.config.RestartStrategy;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.Exchange;
import io.rivulet.api.graph.GraphValidationException;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.JobGraphCompiler;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.StreamEdge;
import io.rivulet.api.graph.StreamGraph;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.Types;
import io.rivulet.builtins.records.RecordType;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.spec.builtins.KeyBy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a declarative JSON job spec into a validated {@link JobGraph}:
 *
 * <pre>{@code
 * {"name": "fifo", "parallelism": 2, "checkpointInterval": "1s",
 *  "nodes": [{"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 1000}},
 *            {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key"},
 *            {"id": "out", "type": "print-sink", "input": "check"}]}
 * }</pre>
 *
 * <p>Node fields: {@code id}, {@code type}, {@code name}, {@code input} (all but sources), {@code keyBy} (a field of
 * the input's record type: the input edge is hash-partitioned by it), {@code exchange} ({@code "direct"}, the
 * default, or {@code "durable"}, case-insensitive: how records cross the input edge; a durable exchange goes
 * through a Kafka topic partitioned by key, so it needs a key from {@code keyBy} or a key-by input),
 * {@code parallelism}, {@code params} (checked against the built-in's {@link ParamDef}s).
 *
 * <p>Every problem is reported as a 400 whose messages start with the JSON path of the offending field
 * ({@code nodes[1].type: unknown type 'fliter' ...}). Structure and parameters are checked first (all problems
 * at once), then inputs and record types node by node, then the graph itself is built node by node and handed
 * to the {@link JobGraphCompiler}, which reports cycles and graph-level problems.
 */
public final class SpecCompiler {
  private static final Set<String> TOP_FIELDS = Set.of("name", "parallelism", "maxParallelism", "checkpointInterval",
      "latencyMarkerInterval", "restartStrategy", "savepointPath", "nodes");
  private static final List<String> NODE_FIELDS = List.of("id", "type", "name", "input", "keyBy", "exchange",
      "parallelism", "params");
  /** The values of a node's {@code exchange}; LOCAL is the engine's choice within one JVM, not the user's. */
  private static final Map<String, Exchange> EXCHANGES = Map.of("direct", Exchange.DIRECT, "durable", Exchange.DURABLE);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final BuiltInRegistry registry;
  private final ObjectMapper json;
  private final JobDefaults defaults;

  public SpecCompiler(BuiltInRegistry registry, ObjectMapper json, JobDefaults defaults) {
    this.registry = registry;
    this.json = json;
    this.defaults = defaults;
  }

  /** A compiled spec: the graph to run and the spec as parsed, to persist with the job. */
  public record Compiled(JobGraph graph, JsonNode spec) {}

  /** One node as written in the spec, after the structural checks. */
  private record NodeSpec(int index, String id, BuiltIn builtIn, String name, String input, String keyBy,
      Exchange exchange, int parallelism, Params params) {
    String path() {
      return "nodes[" + index + "]";
    }
  }

  /**
   * What a resolved node offers to the nodes after it: for an operator, its stream node id and output type; for
   * a key-by, the stream node it partitions and the key.
   */
  private record Resolved(int streamNodeId, RecordType<?> type, KeySelector<?, Long> key, String keyField) {}

  public Compiled compile(String body) {
    JsonNode root = parse(body);
    SpecErrors errors = new SpecErrors();
    if (!root.isObject()) {
      throw ApiException.badRequest("the job spec must be a JSON object, was " + JsonKinds.describe(root));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TOP_FIELDS.contains(f)) {
        errors.add(f, "unknown field; known: name, parallelism, maxParallelism, checkpointInterval,"
            + " latencyMarkerInterval, restartStrategy,"
            + " savepointPath, nodes");
      }
    }
    JobConfig config = defaults.newConfig();
    String name = text(root, "name", "", errors, "spec-job");
    if (name != null && name.isBlank()) {
      errors.add("name", "must not be blank");
    }
    int parallelism = positiveInt(root, "parallelism", "", errors, 1);
    if (parallelism >= 1) {
      config.parallelism(parallelism);
    }
    if (root.has("maxParallelism")) {
      int max = positiveInt(root, "maxParallelism", "", errors, JobConfig.DEFAULT_MAX_PARALLELISM);
      if (max > 32768) {
        errors.add("maxParallelism", "must be at most 32768, was " + max);
      } else if (max >= 1) {
        config.maxParallelism(max);
      }
    }
    if (root.has("checkpointInterval")) {
      Duration interval = Durations.parse(root.get("checkpointInterval"));
      if (interval == null || interval.toMillis() < 1) {
        errors.add("checkpointInterval", "must be a duration of at least 1 ms such as \"500ms\", \"1s\", \"2m\","
            + " was " + JsonKinds.describe(root.get("checkpointInterval")));
      } else {
        config.checkpointInterval(interval);
      }
    }
    if (root.has("latencyMarkerInterval")) {
      Duration interval = Durations.parse(root.get("latencyMarkerInterval"));
      if (interval == null) {
        errors.add("latencyMarkerInterval", "must be a duration such as \"100ms\" or \"1s\" (\"0ms\": no markers),"
            + " was " + JsonKinds.describe(root.get("latencyMarkerInterval")));
      } else {
        config.latencyMarkerInterval(interval);
      }
    }
    if (root.has("restartStrategy")) {
      RestartStrategy strategy = RestartStrategies.parse(root.get("restartStrategy"), "restartStrategy", errors);
      if (strategy != null) {
        config.restartStrategy(strategy);
      }
    }
    String savepoint = text(root, "savepointPath", "", errors, null);
    if (savepoint != null) {
      config.restoreFrom(savepoint);
    }
    List<NodeSpec> nodes = nodes(root, parallelism, errors);
    errors.throwIfAny();

    checkInputs(nodes, errors);
    errors.throwIfAny();

    StreamGraph graph = new StreamGraph(name, config);
    Map<String, Resolved> resolved = resolve(nodes, graph, errors);
    errors.throwIfAny();
    if (resolved.size() < nodes.size()) {
      addUnresolved(nodes, resolved, graph); // only nodes on (or after) a cycle are left: let the compiler name them
    }
    try {
      return new Compiled(JobGraphCompiler.compile(graph), root);
    } catch (GraphValidationException e) {
      throw ApiException.badRequest("nodes: " + e.getMessage());
    }
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("the request body is empty: send a JSON job spec with \"nodes\"");
    }
    try {
      JsonNode root = json.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty: send a JSON job spec with \"nodes\"");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
    }
  }

  private List<NodeSpec> nodes(JsonNode root, int jobParallelism, SpecErrors errors) {
    JsonNode array = root.get("nodes");
    if (array == null || array.isNull()) {
      errors.add("nodes", "required: a list of nodes, each with an id and a type (known types: "
          + registry.describeKnown() + ")");
      return List.of();
    }
    if (!array.isArray() || array.isEmpty()) {
      errors.add("nodes", "must be a non-empty array of nodes, was " + (array.isArray() ? "empty" : JsonKinds.describe(array)));
      return List.of();
    }
    List<NodeSpec> nodes = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode n = array.get(i);
      String path = "nodes[" + i + "]";
      if (!n.isObject()) {
        errors.add(path, "must be an object with id and type, was " + JsonKinds.describe(n));
        continue;
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!NODE_FIELDS.contains(f)) {
          errors.add(path + "." + f, "unknown field; known: " + String.join(", ", NODE_FIELDS));
        }
      }
      String id = text(n, "id", path + ".", errors, null);
      if (id == null) {
        if (!n.has("id")) {
          errors.add(path + ".id", "required: a unique name of this node that others refer to in \"input\"");
        }
      } else if (!ID.matcher(id).matches()) {
        errors.add(path + ".id", "'" + id + "' must be 1 to 64 letters, digits, '_', '.' or '-'");
      } else if (ids.putIfAbsent(id, i) != null) {
        errors.add(path + ".id", "'" + id + "' is already the id of nodes[" + ids.get(id) + "]");
      }
      BuiltIn builtIn = builtIn(n, path, errors);
      String name = text(n, "name", path + ".", errors, id);
      String input = text(n, "input", path + ".", errors, null);
      String keyBy = text(n, "keyBy", path + ".", errors, null);
      Exchange exchange = exchange(n, path, errors);
      int parallelism = n.has("parallelism") ? positiveInt(n, "parallelism", path + ".", errors, jobParallelism)
          : jobParallelism;
      if (builtIn == null) {
        continue;
      }
      if (builtIn.role() == BuiltIn.Role.SOURCE && n.has("input")) {
        errors.add(path + ".input", "'" + builtIn.type() + "' is a source and takes no input");
      }
      if (builtIn.role() == BuiltIn.Role.SOURCE && n.has("keyBy")) {
        errors.add(path + ".keyBy", "'" + builtIn.type() + "' is a source and has no input to key");
      }
      if (builtIn.role() != BuiltIn.Role.SOURCE && !n.has("input")) {
        errors.add(path + ".input", "required: the id of the node whose records '" + builtIn.type() + "' takes");
      }
      if (builtIn instanceof KeyBy && n.has("keyBy")) {
        errors.add(path + ".keyBy", "a key-by node takes its field from params.field");
      }
      if (builtIn.role() == BuiltIn.Role.SOURCE && n.has("exchange")) {
        errors.add(path + ".exchange", "'" + builtIn.type() + "' is a source and has no input to exchange");
      } else if (builtIn instanceof KeyBy && n.has("exchange")) {
        errors.add(path + ".exchange", "a key-by node only partitions: set \"exchange\" on the nodes that take"
            + " their input from '" + id + "'");
      }
      Params params = Params.check(n.get("params"), path + ".params", builtIn.params(), errors);
      nodes.add(new NodeSpec(i, id, builtIn, name, input, keyBy, exchange, Math.max(1, parallelism), params));
    }
    return nodes;
  }

  /** The node's exchange: DIRECT when not given; null (reported) when not one of {@link #EXCHANGES}. */
  private static Exchange exchange(JsonNode n, String path, SpecErrors errors) {
    String value = text(n, "exchange", path + ".", errors, "direct");
    if (value == null) {
      return null;
    }
    Exchange exchange = EXCHANGES.get(value.toLowerCase(Locale.ROOT));
    if (exchange == null) {
      errors.add(path + ".exchange", "unknown exchange '" + value + "'; known: direct (the default: gRPC between"
          + " task runtimes), durable (through a Kafka topic, partitioned by key)");
    }
    return exchange;
  }

  private BuiltIn builtIn(JsonNode n, String path, SpecErrors errors) {
    if (!n.has("type")) {
      errors.add(path + ".type", "required; known: " + registry.describeKnown());
      return null;
    }
    String type = text(n, "type", path + ".", errors, null);
    if (type == null) {
      return null;
    }
    BuiltIn b = registry.get(type);
    if (b == null) {
      String suggestion = registry.suggest(type);
      errors.add(path + ".type", "unknown type '" + type + "'" + (suggestion != null ? " (did you mean '"
          + suggestion + "'?)" : "") + "; known: " + registry.describeKnown());
    }
    return b;
  }

  private static void checkInputs(List<NodeSpec> nodes, SpecErrors errors) {
    Map<String, NodeSpec> byId = new LinkedHashMap<>();
    nodes.forEach(n -> byId.put(n.id(), n));
    for (NodeSpec n : nodes) {
      if (n.input() == null) {
        continue;
      }
      NodeSpec in = byId.get(n.input());
      if (in == null) {
        errors.add(n.path() + ".input", "unknown node id '" + n.input() + "'; ids: " + String.join(", ", byId.keySet()));
      } else if (in.builtIn().role() == BuiltIn.Role.SINK) {
        errors.add(n.path() + ".input", "'" + in.id() + "' is a sink (" + in.builtIn().type() + ") and emits nothing");
      }
    }
  }

  /** Builds the nodes whose input is known, repeatedly; what is left afterwards sits on or behind a cycle. */
  private Map<String, Resolved> resolve(List<NodeSpec> nodes, StreamGraph graph, SpecErrors errors) {
    Map<String, Resolved> resolved = new HashMap<>();
    List<NodeSpec> pending = new ArrayList<>(nodes);
    boolean progress = true;
    while (progress && !pending.isEmpty()) {
      progress = false;
      for (Iterator<NodeSpec> it = pending.iterator(); it.hasNext(); ) {
        NodeSpec n = it.next();
        Resolved input = n.input() == null ? null : resolved.get(n.input());
        if (n.input() != null && input == null) {
          continue;
        }
        it.remove();
        progress = true;
        try {
          resolved.put(n.id(), n.builtIn() instanceof KeyBy ? keyBy(n, input) : build(n, input, graph));
        } catch (SpecError e) {
          errors.add(e);
        }
      }
    }
    return resolved;
  }

  private static Resolved keyBy(NodeSpec n, Resolved input) {
    String field = n.params().getString("field", "");
    return new Resolved(input.streamNodeId(), input.type(), field(n, "params.field", input.type(), field), field);
  }

  private static KeySelector<?, Long> field(NodeSpec n, String at, RecordType<?> type, String field) {
    KeySelector<?, Long> key = type.field(field);
    if (key == null) {
      throw new SpecError(n.path() + "." + at, "'" + field + "' is not a field of " + type.name() + "; fields: "
          + type.fieldNames());
    }
    return key;
  }

  private Resolved build(NodeSpec n, Resolved input, StreamGraph graph) {
    KeySelector<?, Long> key = input == null ? null : input.key();
    String keyField = input == null ? null : input.keyField();
    if (n.keyBy() != null) {
      if (key != null) {
        throw new SpecError(n.path() + ".keyBy", "input '" + n.input() + "' is a key-by node already; drop one of them");
      }
      key = field(n, "keyBy", input.type(), n.keyBy());
      keyField = n.keyBy();
    }
    if (n.builtIn().needsKeyedInput() && key == null) {
      throw new SpecError(n.path() + ".keyBy", "'" + n.builtIn().type() + "' works per key: set \"keyBy\" to a field"
          + " of its input (" + input.type().name() + ": " + input.type().fieldNames() + ") or take input from a"
          + " key-by node");
    }
    if (n.exchange() == Exchange.DURABLE && key == null) {
      throw new SpecError(n.path() + ".exchange", "a durable exchange is partitioned by key, but the input from '"
          + n.input() + "' has none: set \"keyBy\" to a field of its input (" + input.type().name() + ": "
          + input.type().fieldNames() + "), take input from a key-by node, or use \"exchange\": \"direct\"");
    }
    BuildContext ctx = new BuildContext(graph.jobName(), n.id(), n.path(), n.params(),
        input == null ? null : input.type(), n.input(), keyField, n.parallelism());
    BuiltIn.Built built = n.builtIn().build(ctx);
    int id = n.index() + 1;
    // the edge is hash-partitioned whenever a key is given; only operators that work per key become keyed
    // (and get keyed state), as after Flink's keyBy a sink or a map just receives partitioned records
    boolean keyed = key != null && n.builtIn().needsKeyedInput();
    graph.addNode(new StreamNode(id, n.name(), n.id(), n.parallelism(), built.spec(),
        built.output() == null ? null : built.output().serializer(), input == null ? 0 : 1,
        keyed ? new KeySelector<?, ?>[] {key} : null, keyed ? Types.LONG : null, true, false));
    if (input != null) {
      graph.addEdge(new StreamEdge(input.streamNodeId(), id, 0, key == null ? null : Partitioning.HASH, key,
          n.exchange(), null));
    }
    return new Resolved(id, built.output(), null, null);
  }

  /**
   * Adds the nodes that could not be resolved, with placeholder operators, and their edges, so that the
   * compiler finds and names the cycle as it would for a graph built through the API.
   */
  private static void addUnresolved(List<NodeSpec> nodes, Map<String, Resolved> resolved, StreamGraph graph) {
    Map<String, Integer> streamIds = new HashMap<>();
    for (NodeSpec n : nodes) {
      Resolved r = resolved.get(n.id());
      streamIds.put(n.id(), r != null ? r.streamNodeId() : n.index() + 1);
    }
    for (NodeSpec n : nodes) {
      if (resolved.containsKey(n.id())) {
        continue;
      }
      graph.addNode(new StreamNode(n.index() + 1, n.name(), n.id(), n.parallelism(),
          new OperatorSpec.CustomOp(n.builtIn().type(), "unresolved"), null, 1, null, null, true, false));
    }
    for (NodeSpec n : nodes) {
      if (!resolved.containsKey(n.id()) && n.input() != null) {
        graph.addEdge(new StreamEdge(streamIds.get(n.input()), n.index() + 1, 0, null, null, null, null));
      }
    }
  }

  private static String text(JsonNode n, String field, String prefix, SpecErrors errors, String defaultValue) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isTextual()) {
      errors.add(prefix + field, "must be a string, was " + JsonKinds.describe(v));
      return null;
    }
    return v.asText();
  }

  /** The field as an int >= 1; reports and returns -1 otherwise. */
  private static int positiveInt(JsonNode n, String field, String prefix, SpecErrors errors, int defaultValue) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(prefix + field, "must be an integer, was " + JsonKinds.describe(v));
      return -1;
    }
    if (v.asInt() < 1) {
      errors.add(prefix + field, "must be at least 1, was " + v.asInt());
      return -1;
    }
    return v.asInt();
  }
}
