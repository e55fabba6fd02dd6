package io.rivulet.runtime.operators;

import io.rivulet.api.functions.MapFunction;

public final class MapOperator<IN, OUT> extends UdfOperator<MapFunction<IN, OUT>, OUT>
    implements OneInputOperator<IN, OUT> {
  public MapOperator(MapFunction<IN, OUT> function) {
    super(function);
  }

  @Override
  public void processElement(IN value, long timestamp) throws Exception {
    output.collect(function.map(value), timestamp);
  }
}
