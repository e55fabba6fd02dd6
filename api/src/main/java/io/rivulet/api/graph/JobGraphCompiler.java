package io.rivulet.api.graph;

import io.rivulet.api.serialization.TypeSerializer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a {@link StreamGraph} and fuses forward-connected operators into tasks.
 *
 * <p>Two operators chain when the edge between them is FORWARD (explicitly, or by default with equal
 * parallelism), not DURABLE, the downstream operator has exactly that one input edge, and neither opted out
 * of chaining. Every other edge becomes a {@link JobEdge}, and every record crossing it may be serialized, so
 * its type must have a serializer; that is checked here rather than when the first record arrives.
 */
public final class JobGraphCompiler {
  private JobGraphCompiler() {}

  public static JobGraph compile(StreamGraph graph) {
    int maxParallelism = graph.config().maxParallelism();
    if (graph.nodes().isEmpty()) {
      throw new GraphValidationException("job '" + graph.jobName() + "' has no operators: add a source and a sink");
    }
    List<StreamNode> order = topologicalOrder(graph);
    validateNodes(graph, maxParallelism);
    for (StreamNode n : order) {
      requireSerializable(n);
    }
    List<StreamEdge> edges = resolveDefaults(graph);

    // chaining: union-find over chainable edges, keyed by node id
    Map<Integer, List<StreamEdge>> inEdges = edges.stream().collect(Collectors.groupingBy(StreamEdge::targetId));
    Map<Integer, Integer> chainHead = new HashMap<>();
    List<StreamEdge> chained = new ArrayList<>();
    List<StreamEdge> crossing = new ArrayList<>();
    for (StreamNode node : order) {
      List<StreamEdge> ins = inEdges.getOrDefault(node.id(), List.of());
      if (ins.size() == 1 && isChainable(graph, ins.get(0))) {
        chainHead.put(node.id(), chainHead.get(ins.get(0).sourceId()));
        chained.add(ins.get(0));
      } else {
        chainHead.put(node.id(), node.id());
        crossing.addAll(ins);
      }
    }

    Map<Integer, List<StreamNode>> members = new LinkedHashMap<>();
    for (StreamNode node : order) {
      members.computeIfAbsent(chainHead.get(node.id()), k -> new ArrayList<>()).add(node);
    }
    List<JobVertex> vertices = new ArrayList<>();
    for (Map.Entry<Integer, List<StreamNode>> m : members.entrySet()) {
      List<StreamNode> ops = m.getValue();
      List<ChainEdge> chainEdges = new ArrayList<>();
      for (StreamEdge e : chained) {
        if (chainHead.get(e.targetId()).equals(m.getKey())) {
          chainEdges.add(new ChainEdge(e.sourceId(), e.targetId(), e.sideOutput()));
        }
      }
      String name = ops.stream().map(StreamNode::name).collect(Collectors.joining(" -> "));
      vertices.add(new JobVertex(m.getKey(), name, ops.get(0).parallelism(), maxParallelism, List.copyOf(ops),
          List.copyOf(chainEdges)));
    }

    List<JobEdge> jobEdges = new ArrayList<>();
    int edgeId = 0;
    crossing.sort(Comparator.comparingInt(StreamEdge::targetId).thenComparingInt(StreamEdge::targetInput));
    for (StreamEdge e : crossing) {
      StreamNode source = graph.node(e.sourceId());
      TypeSerializer<?> type = e.sideOutput() != null ? e.sideOutput().type() : source.outputType();
      if (type == null) {
        throw new GraphValidationException("the output of " + source.describe() + " crosses a "
            + e.partitioning() + " exchange to " + graph.node(e.targetId()).describe()
            + " and needs a serializer, but its type was not declared: add .returns(Types.of(YourType.class))"
            + " (or a serializer of your own) after that operator");
      }
      jobEdges.add(new JobEdge(edgeId++, chainHead.get(e.sourceId()), e.sourceId(), e.sideOutput(),
          chainHead.get(e.targetId()), e.targetInput(), e.partitioning(), e.keySelector(),
          e.exchange() == null ? Exchange.DIRECT : e.exchange(), type));
    }
    return new JobGraph(graph.jobName(), graph.config(), List.copyOf(vertices), List.copyOf(jobEdges));
  }

  /**
   * Functions travel to every subtask (and to other processes) in serialized form; find out now rather than
   * at deployment when one cannot.
   */
  private static void requireSerializable(StreamNode node) {
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
      out.writeObject(node);
    } catch (java.io.NotSerializableException e) {
      throw new GraphValidationException("the functions of " + node.describe() + " cannot be serialized: "
          + e.getMessage() + " is not Serializable. An anonymous or inner class keeps a reference to the object"
          + " that created it: use a lambda, a static nested class or a top-level class, and mark fields that"
          + " hold runtime objects (state handles, clients) transient");
    } catch (java.io.IOException e) {
      throw new GraphValidationException("the functions of " + node.describe() + " cannot be serialized: " + e);
    }
  }

  private static boolean isChainable(StreamGraph graph, StreamEdge e) {
    StreamNode up = graph.node(e.sourceId());
    StreamNode down = graph.node(e.targetId());
    return e.partitioning() == Partitioning.FORWARD
        && up.parallelism() == down.parallelism()
        && e.exchange() != Exchange.DURABLE
        && e.exchange() != Exchange.LOCAL // an explicit exchange asks for a task boundary
        && up.chainable() && down.chainable();
  }

  private static void validateNodes(StreamGraph graph, int maxParallelism) {
    boolean hasSink = false;
    for (StreamNode n : graph.nodes()) {
      hasSink |= n.isSink();
      if (n.parallelism() > maxParallelism) {
        throw new GraphValidationException("parallelism " + n.parallelism() + " of " + n.describe()
            + " is above the job's max parallelism " + maxParallelism
            + ": lower it or raise maxParallelism (the number of key groups) with env.setMaxParallelism(n)");
      }
      if (n.parallelism() < 1) {
        throw new GraphValidationException("parallelism of " + n.describe() + " must be at least 1, was " + n.parallelism());
      }
      if (n.nonParallel() && n.parallelism() != 1) {
        throw new GraphValidationException(n.describe() + " is a window over a non-keyed stream (windowAll), which"
            + " runs in one subtask; its parallelism must be 1, was " + n.parallelism()
            + ": use keyBy(...).window(...) for a parallel window");
      }
      if (n.isKeyed() && n.keyType() == null) {
        throw new GraphValidationException(n.describe() + " is keyed but its key type has no serializer:"
            + " pass one to keyBy, e.g. keyBy(e -> e.id(), Types.STRING)");
      }
      int inputs = graph.inEdges(n.id()).size();
      if (n.isSource() && inputs > 0) {
        throw new GraphValidationException("source " + n.describe() + " cannot have inputs");
      }
      if (!n.isSource() && inputs == 0) {
        throw new GraphValidationException(n.describe() + " has no input: connect it to a source");
      }
      for (int i = 0; i < n.inputCount(); i++) {
        final int input = i;
        if (!n.isSource() && graph.inEdges(n.id()).stream().noneMatch(e -> e.targetInput() == input)) {
          throw new GraphValidationException(n.describe() + " has nothing connected to input " + (i + 1));
        }
      }
    }
    if (!hasSink) {
      throw new GraphValidationException("job '" + graph.jobName() + "' has no sink, so nothing it computes"
          + " would be seen: end each pipeline with sinkTo(...), print(), or executeAndCollect()");
    }
  }

  private static List<StreamEdge> resolveDefaults(StreamGraph graph) {
    List<StreamEdge> result = new ArrayList<>();
    for (StreamEdge e : graph.edges()) {
      StreamNode up = graph.node(e.sourceId());
      StreamNode down = graph.node(e.targetId());
      Partitioning p = e.partitioning();
      if (p == null) {
        p = up.parallelism() == down.parallelism() ? Partitioning.FORWARD : Partitioning.REBALANCE;
      }
      if (p == Partitioning.FORWARD && up.parallelism() != down.parallelism()) {
        throw new GraphValidationException("forward edge from " + up.describe() + " (parallelism "
            + up.parallelism() + ") to " + down.describe() + " (parallelism " + down.parallelism()
            + ") needs equal parallelism: set them equal or use rebalance()");
      }
      if (p == Partitioning.HASH && e.keySelector() == null) {
        throw new GraphValidationException("hash edge into " + down.describe() + " has no key selector");
      }
      if (p != Partitioning.HASH && down.isKeyed() && down.keySelector(e.targetInput()) != null) {
        throw new GraphValidationException(down.describe() + " is keyed, so its input must be partitioned by"
            + " key (keyBy), not " + p);
      }
      result.add(e.withPartitioning(p));
    }
    return result;
  }

  /** Kahn's algorithm; a node left over sits on a cycle, which is reported by name. */
  static List<StreamNode> topologicalOrder(StreamGraph graph) {
    Map<Integer, Integer> indegree = new HashMap<>();
    Map<Integer, List<Integer>> out = new HashMap<>();
    for (StreamNode n : graph.nodes()) {
      indegree.put(n.id(), 0);
    }
    for (StreamEdge e : graph.edges()) {
      if (graph.node(e.sourceId()) == null || graph.node(e.targetId()) == null) {
        throw new GraphValidationException("edge " + e.sourceId() + " -> " + e.targetId() + " refers to a missing node");
      }
      indegree.merge(e.targetId(), 1, Integer::sum);
      out.computeIfAbsent(e.sourceId(), k -> new ArrayList<>()).add(e.targetId());
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (StreamNode n : graph.nodes()) {
      if (indegree.get(n.id()) == 0) {
        ready.add(n.id());
      }
    }
    List<StreamNode> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      int id = ready.poll();
      order.add(graph.node(id));
      for (int next : out.getOrDefault(id, List.of())) {
        if (indegree.merge(next, -1, Integer::sum) == 0) {
          ready.add(next);
        }
      }
    }
    if (order.size() < graph.nodes().size()) {
      Set<Integer> done = new HashSet<>();
      order.forEach(n -> done.add(n.id()));
      List<String> onCycle = graph.nodes().stream().filter(n -> !done.contains(n.id()))
          .map(StreamNode::describe).toList();
      throw new GraphValidationException("the job graph has a cycle through " + String.join(", ", onCycle)
          + ": streams must flow from sources to sinks without loops");
    }
    return order;
  }
}
