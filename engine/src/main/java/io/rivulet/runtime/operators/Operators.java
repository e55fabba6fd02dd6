package io.rivulet.runtime.operators;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.StreamNode;

/** Turns a node's declarative {@link OperatorSpec} into a fresh operator instance for one subtask. */
public final class Operators {
  private Operators() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static StreamOperator<?> create(StreamNode node, Runnable sourceAvailability) {
    OperatorSpec spec = node.spec();
    if (spec instanceof OperatorSpec.SourceOp s) {
      return new SourceOperator(s.source(), s.watermarks(), sourceAvailability);
    } else if (spec instanceof OperatorSpec.MapOp m) {
      return new MapOperator(m.function());
    } else if (spec instanceof OperatorSpec.FilterOp f) {
      return new FilterOperator(f.function());
    } else if (spec instanceof OperatorSpec.FlatMapOp f) {
      return new FlatMapOperator(f.function());
    } else if (spec instanceof OperatorSpec.ProcessOp p) {
      return new ProcessOperator(p.function());
    } else if (spec instanceof OperatorSpec.TimestampsOp t) {
      return new TimestampsAndWatermarksOperator(t.strategy());
    } else if (spec instanceof OperatorSpec.KeyedProcessOp p) {
      return new KeyedProcessOperator(p.function());
    } else if (spec instanceof OperatorSpec.KeyedReduceOp r) {
      return new KeyedReduceOperator(r.function(), r.valueType());
    } else if (spec instanceof OperatorSpec.KeyedAggregateOp a) {
      return new KeyedAggregateOperator(a.function(), a.accumulatorType());
    } else if (spec instanceof OperatorSpec.WindowOp w) {
      return WindowOperators.create(w);
    } else if (spec instanceof OperatorSpec.CoProcessOp c) {
      return new CoProcessOperator(c.function());
    } else if (spec instanceof OperatorSpec.KeyedCoProcessOp c) {
      return new KeyedCoProcessOperator(c.function());
    } else if (spec instanceof OperatorSpec.SinkOp s) {
      return new SinkOperator(s.sink());
    } else if (spec instanceof OperatorSpec.CustomOp c) {
      if (c.factory() instanceof OperatorFactory<?> f) {
        return f.create();
      }
      throw new IllegalArgumentException("custom operator " + node.describe() + " carries "
          + c.factory().getClass().getName() + ", which is not an " + OperatorFactory.class.getName());
    }
    throw new IllegalArgumentException("no operator for " + spec.kind() + " in " + node.describe());
  }
}
