package io.rivulet.builtins.functions;

import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.runtime.operators.KeyedProcessOperator;
import io.rivulet.runtime.operators.OperatorFactory;
import io.rivulet.runtime.operators.StreamOperator;
import io.rivulet.builtins.records.KeySummary;
import io.rivulet.builtins.records.SeqEvent;
import io.rivulet.builtins.records.WindowCount;
import java.io.Serializable;

/**
 * A keyed process operator whose function is made fresh for every subtask. The embedded engine hands one
 * function instance of a {@code KeyedProcessOp} to all subtasks, so a function that keeps its state handle in
 * a field (as keyed functions do) would mix up subtasks; a factory per subtask avoids that.
 */
public record PerSubtask<K, I, O>(Factory<K, I, O> factory) implements OperatorFactory<O> {

  /** Makes the function; serializable so that the graph can travel to task runtimes. */
  @FunctionalInterface
  public interface Factory<K, I, O> extends Serializable {
    KeyedProcessFunction<K, I, O> create();
  }

  /** The spec of a keyed process node whose function comes from {@code factory}. */
  public static <K, I, O> OperatorSpec keyedProcess(Factory<K, I, O> factory) {
    return new OperatorSpec.CustomOp("KeyedProcess", new PerSubtask<>(factory));
  }

  /**
   * {@code fifo-check}'s function. Factories are named classes here rather than lambdas where a spec is compiled:
   * a lambda deserializes only where the class that wrote it is loaded, and task runtimes do not have the
   * control plane's classes.
   */
  public record FifoCheckFactory(long failAtSeq) implements Factory<Long, SeqEvent, KeySummary> {
    @Override
    public KeyedProcessFunction<Long, SeqEvent, KeySummary> create() {
      return new FifoCheck(failAtSeq);
    }
  }

  /** {@code tumbling-count}'s function (see {@link FifoCheckFactory} for why a named class). */
  public record TumblingCountFactory<T>(long size) implements Factory<Long, T, WindowCount> {
    @Override
    public KeyedProcessFunction<Long, T, WindowCount> create() {
      return new TumblingCount<>(size);
    }
  }

  @Override
  public StreamOperator<O> create() {
    return new KeyedProcessOperator<>(factory.create());
  }
}
