package io.rivulet.runtime.tasks;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.operators.CoProcessOperator;
import io.rivulet.runtime.operators.FilterOperator;
import io.rivulet.runtime.operators.FlatMapOperator;
import io.rivulet.runtime.operators.KeyedAggregateOperator;
import io.rivulet.runtime.operators.KeyedCoProcessOperator;
import io.rivulet.runtime.operators.KeyedProcessOperator;
import io.rivulet.runtime.operators.KeyedReduceOperator;
import io.rivulet.runtime.operators.MapOperator;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.operators.ProcessOperator;
import io.rivulet.runtime.operators.SinkOperator;
import io.rivulet.runtime.operators.SourceOperator;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.runtime.operators.TimestampsAndWatermarksOperator;
import io.rivulet.runtime.operators.windowing.WindowOperator;

/**
 * Turns a node's declarative {@link OperatorSpec} into a fresh operator instance for one subtask. Here, above both
 * operator packages, so that the windowing operators can build on the basic ones without a cycle.
 */
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
      return new WindowOperator<>(w);
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
