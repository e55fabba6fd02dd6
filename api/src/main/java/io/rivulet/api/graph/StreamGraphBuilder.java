package io.rivulet.api.graph;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.OutputTag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns the API's transformations into a {@link StreamGraph}, folding virtual steps into edges. */
public final class StreamGraphBuilder {
  private StreamGraphBuilder() {}

  /** An edge's source with the properties collected along virtual steps. */
  private record Upstream(int nodeId, Partitioning partitioning, KeySelector<?, ?> keySelector,
      Exchange exchange, OutputTag<?> sideOutput) {}

  public static StreamGraph build(String jobName, JobConfig config, List<Transformation<?>> transformations) {
    StreamGraph graph = new StreamGraph(jobName, config);
    Set<Integer> added = new HashSet<>();
    for (Transformation<?> t : transformations) {
      add(graph, config, t, added);
    }
    return graph;
  }

  private static void add(StreamGraph graph, JobConfig config, Transformation<?> t, Set<Integer> added) {
    if (!(t instanceof OperatorTransformation<?> op) || !added.add(t.id())) {
      return;
    }
    int parallelism = op.parallelism() > 0 ? op.parallelism() : (op.nonParallel() ? 1 : config.parallelism());
    String uid = op.uid() != null ? op.uid() : op.spec().kind().toLowerCase().replace('/', '-') + "-" + op.id();
    graph.addNode(new StreamNode(op.id(), op.name(), uid, parallelism, op.spec(), op.outputType(),
        op.inputs().size(), op.isKeyed() ? op.keySelectors() : null, op.keyType(), op.chainable(),
        op.nonParallel()));
    for (int input = 0; input < op.inputs().size(); input++) {
      Transformation<?> in = op.inputs().get(input);
      for (Upstream u : resolve(in)) {
        graph.addEdge(new StreamEdge(u.nodeId, op.id(), input, u.partitioning, u.keySelector, u.exchange,
            u.sideOutput));
      }
      collectOperators(in, graph, config, added);
    }
  }

  private static void collectOperators(Transformation<?> t, StreamGraph graph, JobConfig config, Set<Integer> added) {
    if (t instanceof OperatorTransformation<?>) {
      add(graph, config, t, added);
    } else {
      for (Transformation<?> in : t.inputs()) {
        collectOperators(in, graph, config, added);
      }
    }
  }

  private static List<Upstream> resolve(Transformation<?> t) {
    if (t instanceof OperatorTransformation<?>) {
      return List.of(new Upstream(t.id(), null, null, null, null));
    }
    List<Upstream> result = new ArrayList<>();
    if (t instanceof PartitionTransformation<?> p) {
      for (Upstream u : resolve(p.input())) {
        result.add(new Upstream(u.nodeId,
            p.partitioning() != null ? p.partitioning() : u.partitioning,
            p.keySelector() != null ? p.keySelector() : u.keySelector,
            p.exchange() != null ? p.exchange() : u.exchange,
            u.sideOutput));
      }
    } else if (t instanceof SideOutputTransformation<?> s) {
      for (Upstream u : resolve(s.input())) {
        result.add(new Upstream(u.nodeId, u.partitioning, u.keySelector, u.exchange, s.tag()));
      }
    } else {
      for (Transformation<?> in : t.inputs()) {
        result.addAll(resolve(in));
      }
    }
    return result;
  }
}
