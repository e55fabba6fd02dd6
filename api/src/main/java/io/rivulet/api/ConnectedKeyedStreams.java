package io.rivulet.api;

import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.functions.KeyedCoProcessFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.Transformation;
import io.rivulet.api.serialization.TypeSerializer;
import java.util.List;

/** Two keyed streams with the same key type, processed together with shared keyed state and timers. */
public final class ConnectedKeyedStreams<K, A, B> {
  private final KeyedStream<K, A> first;
  private final KeyedStream<K, B> second;

  ConnectedKeyedStreams(KeyedStream<K, A> first, KeyedStream<K, B> second) {
    this.first = first;
    this.second = second;
  }

  public <R> DataStream<R> process(KeyedCoProcessFunction<K, A, B, R> fn, TypeSerializer<R> type) {
    StreamEnvironment env = first.environment();
    List<Transformation<?>> inputs = List.of(first.partition(), second.partition());
    return new DataStream<>(env, env.addOperator("KeyedCoProcess", new OperatorSpec.KeyedCoProcessOp(fn), inputs,
        type, new KeySelector<?, ?>[] {first.keySelector(), second.keySelector()}, first.keyType()));
  }
}
