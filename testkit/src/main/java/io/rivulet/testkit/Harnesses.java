package io.rivulet.testkit;

import io.rivulet.api.functions.CoProcessFunction;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.KeyedCoProcessFunction;
import io.rivulet.api.functions.KeyedProcessFunction;
import io.rivulet.api.functions.ProcessFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.TypeSerializer;
import io.rivulet.runtime.operators.CoProcessOperator;
import io.rivulet.runtime.operators.KeyedCoProcessOperator;
import io.rivulet.runtime.operators.KeyedProcessOperator;
import io.rivulet.runtime.operators.ProcessOperator;
import io.rivulet.runtime.operators.windowing.WindowOperator;

/**
 * Harness builders for user functions, running them in the engine's own operators. Each operator instance
 * gets its own deserialized copy of the function, as each subtask and each restart does in a job.
 *
 * <pre>{@code
 * try (var h = Harnesses.forKeyedProcess(new MyFunction(), Event::user, Types.STRING).build()) { ... }
 * }</pre>
 */
public final class Harnesses {
  private Harnesses() {}

  public static <K, IN, OUT> KeyedOneInputHarness.Builder<K, IN, OUT> forKeyedProcess(
      KeyedProcessFunction<K, IN, OUT> function, KeySelector<IN, K> key, TypeSerializer<K> keyType) {
    SerializedCopies<KeyedProcessFunction<K, IN, OUT>> copies = SerializedCopies.of(function);
    return KeyedOneInputHarness.builder(() -> new KeyedProcessOperator<>(copies.copy()), key, keyType);
  }

  public static <IN, OUT> OneInputHarness.Builder<IN, OUT> forProcess(ProcessFunction<IN, OUT> function) {
    SerializedCopies<ProcessFunction<IN, OUT>> copies = SerializedCopies.of(function);
    return OneInputHarness.builder(() -> new ProcessOperator<>(copies.copy()));
  }

  /**
   * A keyed window as {@code keyBy(key).window(...)...} declares it; build the spec with the DataStream API
   * or by hand ({@link OperatorSpec.WindowOp}).
   */
  public static <K, IN, OUT> KeyedOneInputHarness.Builder<K, IN, OUT> forWindow(OperatorSpec.WindowOp spec,
      KeySelector<IN, K> key, TypeSerializer<K> keyType) {
    SerializedCopies<OperatorSpec.WindowOp> copies = SerializedCopies.of(spec);
    return KeyedOneInputHarness.builder(() -> new WindowOperator<K, IN, OUT, io.rivulet.api.windowing.Window>(
        copies.copy()), key, keyType);
  }

  public static <A, B, OUT> TwoInputHarness.Builder<A, B, OUT> forCoProcess(CoProcessFunction<A, B, OUT> function) {
    SerializedCopies<CoProcessFunction<A, B, OUT>> copies = SerializedCopies.of(function);
    return TwoInputHarness.builder(() -> new CoProcessOperator<>(copies.copy()));
  }

  public static <K, A, B, OUT> TwoInputHarness.Builder<A, B, OUT> forKeyedCoProcess(
      KeyedCoProcessFunction<K, A, B, OUT> function, KeySelector<A, K> key1, KeySelector<B, K> key2,
      TypeSerializer<K> keyType) {
    SerializedCopies<KeyedCoProcessFunction<K, A, B, OUT>> copies = SerializedCopies.of(function);
    return TwoInputHarness.<A, B, OUT>builder(() -> new KeyedCoProcessOperator<>(copies.copy()))
        .keyed(key1, key2, keyType);
  }
}
