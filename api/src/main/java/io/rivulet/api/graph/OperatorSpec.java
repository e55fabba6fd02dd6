package io.rivulet.api.graph;

import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.Source;
import io.rivulet.api.functions.AggregateFunction;
import io.rivulet.api.functions.CoProcessFunction;
import io.rivulet.api.functions.FilterFunction;
import io.rivulet.api.functions.FlatMapFunction;
import io.rivulet.api.functions.KeyedCoProcessFunction;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.functions.OutputTag;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.functions.ProcessWindowFunction;
import io.rivulet.api.functions.ReduceFunction;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.api.watermark.WatermarkStrategy;
import io.rivulet.api.windowing.Trigger;
import io.rivulet.api.windowing.WindowAssigner;
import java.io.Serializable;

/**
 * What an operator node does, as data: the API builds these, the engine turns each into an operator.
 * Keeping them declarative keeps the API free of runtime code and lets the declarative JSON job spec
 * produce the same graph.
 */
public sealed interface OperatorSpec extends Serializable {

  /** A short name of the kind of operator, shown in the Web UI and in error messages. */
  String kind();

  /** A parallel source with an optional watermark strategy applied right at the source. */
  record SourceOp(Source<?> source, WatermarkStrategy<?> watermarks) implements OperatorSpec {
    public String kind() {
      return "Source";
    }
  }

  record MapOp(MapFunction<?, ?> function) implements OperatorSpec {
    public String kind() {
      return "Map";
    }
  }

  record FilterOp(FilterFunction<?> function) implements OperatorSpec {
    public String kind() {
      return "Filter";
    }
  }

  record FlatMapOp(FlatMapFunction<?, ?> function) implements OperatorSpec {
    public String kind() {
      return "FlatMap";
    }
  }

  record ProcessOp(ProcessFunction<?, ?> function) implements OperatorSpec {
    public String kind() {
      return "Process";
    }
  }

  /** Assigns timestamps and generates watermarks in the middle of a pipeline. */
  record TimestampsOp(WatermarkStrategy<?> strategy) implements OperatorSpec {
    public String kind() {
      return "Timestamps/Watermarks";
    }
  }

  record KeyedProcessOp(KeyedProcessFunction<?, ?, ?> function) implements OperatorSpec {
    public String kind() {
      return "KeyedProcess";
    }
  }

  /** Rolling reduce per key: emits the reduced value after every record. */
  record KeyedReduceOp(ReduceFunction<?> function, TypeSerializer<?> valueType) implements OperatorSpec {
    public String kind() {
      return "KeyedReduce";
    }
  }

  /** Rolling aggregate per key: emits the aggregate's result after every record. */
  record KeyedAggregateOp(AggregateFunction<?, ?, ?> function, TypeSerializer<?> accumulatorType)
      implements OperatorSpec {
    public String kind() {
      return "KeyedAggregate";
    }
  }

  /**
   * A keyed window. {@code function} may be null after a reduce/aggregate, in which case the
   * pre-aggregated value is emitted as is. {@code lateDataTag} may be null (late data is then counted
   * and dropped, never silently: the count is a metric).
   */
  record WindowOp(WindowAssigner<?, ?> assigner, Trigger<?, ?> trigger, long allowedLatenessMillis,
      OutputTag<?> lateDataTag, WindowContents contents, ProcessWindowFunction<?, ?, ?, ?> function,
      boolean nonParallel) implements OperatorSpec {
    public String kind() {
      return nonParallel ? "WindowAll" : "Window";
    }
  }

  /** What a window keeps for each (key, window) until it fires. */
  sealed interface WindowContents extends Serializable {}

  record ReduceContents(ReduceFunction<?> function, TypeSerializer<?> type) implements WindowContents {}

  record AggregateContents(AggregateFunction<?, ?, ?> function, TypeSerializer<?> accumulatorType)
      implements WindowContents {}

  /** All elements, for a {@link ProcessWindowFunction} that needs them. */
  record ListContents(TypeSerializer<?> elementType) implements WindowContents {}

  record CoProcessOp(CoProcessFunction<?, ?, ?> function) implements OperatorSpec {
    public String kind() {
      return "CoProcess";
    }
  }

  record KeyedCoProcessOp(KeyedCoProcessFunction<?, ?, ?, ?> function) implements OperatorSpec {
    public String kind() {
      return "KeyedCoProcess";
    }
  }

  record SinkOp(Sink<?> sink) implements OperatorSpec {
    public String kind() {
      return "Sink";
    }
  }

  /**
   * An operator provided by the engine or an extension: {@code factory} must implement the engine's
   * operator factory interface. Used for built-in operators that are not plain user functions.
   */
  record CustomOp(String kind, Serializable factory) implements OperatorSpec {}
}
