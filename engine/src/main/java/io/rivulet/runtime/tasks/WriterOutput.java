package io.rivulet.runtime.tasks;

import io.rivulet.api.functions.OutputTag;
import io.rivulet.runtime.network.RecordWriter;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.operators.Output;

/** Sends records to another task through a {@link RecordWriter}. */
final class WriterOutput<T> implements Output<T> {
  private final RecordWriter writer;

  WriterOutput(RecordWriter writer) {
    this.writer = writer;
  }

  @Override
  public void collect(T record, long timestamp) {
    try {
      writer.emit(record, timestamp);
    } catch (Exception e) {
      throw ExceptionForwarder.INSTANCE.wrap(e);
    }
  }

  @Override
  public <X> void collect(OutputTag<X> tag, X record, long timestamp) {
    // side outputs are routed by SideOutputRouter; nobody reads this one
  }

  @Override
  public void emitWatermark(long watermark) {
    writer.broadcastEvent(new StreamEvent.Watermark(watermark));
  }

  @Override
  public void emitIdle(boolean idle) {
    writer.broadcastEvent(new StreamEvent.IdleStatus(idle));
  }
}
