package io.rivulet.api;

import io.rivulet.api.functions.CoProcessFunction;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.serialization.TypeSerializer;
import java.util.List;

/** Two streams processed together by one two-input operator. */
public final class ConnectedStreams<A, B> {
  private final StreamEnvironment env;
  private final DataStream<A> first;
  private final DataStream<B> second;

  ConnectedStreams(StreamEnvironment env, DataStream<A> first, DataStream<B> second) {
    this.env = env;
    this.first = first;
    this.second = second;
  }

  public <R> DataStream<R> process(CoProcessFunction<A, B, R> fn, TypeSerializer<R> type) {
    return new DataStream<>(env, env.addOperator("CoProcess", new OperatorSpec.CoProcessOp(fn),
        List.of(first.transformation(), second.transformation()), type, null, null));
  }

  /** Keys both inputs by keys of the same type, for keyed state and timers shared by both. */
  public <K> ConnectedKeyedStreams<K, A, B> keyBy(KeySelector<A, K> firstKey, KeySelector<B, K> secondKey,
      TypeSerializer<K> keyType) {
    return new ConnectedKeyedStreams<>(first.keyBy(firstKey, keyType), second.keyBy(secondKey, keyType));
  }
}
