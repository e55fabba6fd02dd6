package io.rivulet.runtime.tasks;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.operators.Output;
import java.util.Collection;
import java.util.Map;

/**
 * The output of an operator whose side outputs have consumers: side records go to the consumers of their
 * tag (a tag nobody reads drops them, as in Flink); watermarks and idleness go to every consumer, main and
 * side, so event time advances downstream of side outputs too.
 */
final class SideOutputRouter<T> implements Output<T> {
  private final Output<T> main;
  private final Map<String, Output<Object>> sides;
  private final Collection<Output<Object>> allSides;

  SideOutputRouter(Output<T> main, Map<String, Output<Object>> sides) {
    this.main = main;
    this.sides = sides;
    this.allSides = sides.values();
  }

  @Override
  public void collect(T record, long timestamp) {
    main.collect(record, timestamp);
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    Output<Object> out = sides.get(tag.id());
    if (out != null) {
      out.collect(record, timestamp);
    }
  }

  @Override
  public void emitWatermark(long watermark) {
    main.emitWatermark(watermark);
    for (Output<Object> o : allSides) {
      o.emitWatermark(watermark);
    }
  }

  @Override
  public void emitIdle(boolean idle) {
    main.emitIdle(idle);
    for (Output<Object> o : allSides) {
      o.emitIdle(idle);
    }
  }
}
