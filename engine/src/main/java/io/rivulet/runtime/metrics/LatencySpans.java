package io.rivulet.runtime.metrics;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.rivulet.runtime.network.StreamEvent;
import io.rivulet.runtime.tasks.LatencyListener;
import io.rivulet.runtime.tasks.StreamTask;
import io.rivulet.runtime.tasks.TaskInfo;
import io.rivulet.runtime.tracing.Tracing;
import java.util.concurrent.TimeUnit;

/**
 * Turns each latency marker that reaches a sink task into a span "record latency": a root span (a trace of its own)
 * that starts at the marker's emit time at the source and ends when the sink task took it, so its duration is the
 * latency. The two times come from the clocks of two processes when the exchange crosses runtimes: the duration
 * includes their offset. Stateless apart from the tracer; called on task threads.
 */
public final class LatencySpans implements LatencyListener {
  public static final String SPAN_NAME = "record latency";
  public static final AttributeKey<Long> SOURCE_VERTEX = AttributeKey.longKey("rivulet.latency.source.vertex");
  public static final AttributeKey<String> SOURCE_VERTEX_NAME =
      AttributeKey.stringKey("rivulet.latency.source.vertex_name");
  public static final AttributeKey<Long> SOURCE_SUBTASK = AttributeKey.longKey("rivulet.latency.source.subtask");
  public static final AttributeKey<Long> SINK_VERTEX = AttributeKey.longKey("rivulet.latency.sink.vertex");
  public static final AttributeKey<String> SINK_VERTEX_NAME = AttributeKey.stringKey("rivulet.latency.sink.vertex_name");
  public static final AttributeKey<Long> SINK_SUBTASK = AttributeKey.longKey("rivulet.latency.sink.subtask");
  public static final AttributeKey<String> EXCHANGES = AttributeKey.stringKey("rivulet.latency.exchanges");
  public static final AttributeKey<Long> LATENCY_MS = AttributeKey.longKey("rivulet.latency.ms");

  private final Tracer tracer;

  public LatencySpans(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public void markerArrived(StreamTask task, StreamEvent.LatencyMarker marker, long arrivalMillis) {
    TaskInfo info = task.info();
    long end = Math.max(arrivalMillis, marker.emitTimeMillis()); // a clock behind the source's: no negative span
    String sourceName = info.job().vertices().stream().filter(v -> v.id() == marker.sourceVertex()).findFirst()
        .map(v -> v.name()).orElse("?");
    tracer.spanBuilder(SPAN_NAME).setNoParent().setSpanKind(SpanKind.INTERNAL)
        .setStartTimestamp(marker.emitTimeMillis(), TimeUnit.MILLISECONDS)
        .setAttribute(Tracing.JOB_ID, info.jobId())
        .setAttribute(Tracing.JOB_NAME, info.job().jobName())
        .setAttribute(SOURCE_VERTEX, (long) marker.sourceVertex())
        .setAttribute(SOURCE_VERTEX_NAME, sourceName)
        .setAttribute(SOURCE_SUBTASK, (long) marker.sourceSubtask())
        .setAttribute(SINK_VERTEX, (long) info.vertex().id())
        .setAttribute(SINK_VERTEX_NAME, info.vertex().name())
        .setAttribute(SINK_SUBTASK, (long) info.subtaskIndex())
        .setAttribute(EXCHANGES, marker.exchanges())
        .setAttribute(LATENCY_MS, arrivalMillis - marker.emitTimeMillis())
        .startSpan()
        .end(end, TimeUnit.MILLISECONDS);
  }
}
