package io.rivulet.runtime.checkpoint;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.runtime.tracing.Tracing;

/**
 * The traces of a job's checkpoints: a span per checkpoint from trigger to completion (or abort), with an event per
 * acknowledgement; calls to the tasks about a checkpoint run inside its span, so that its context travels with them.
 * A no-op until {@link #use} is called. Coordinator thread only.
 */
final class CheckpointTracing {
  private static final AttributeKey<Boolean> SAVEPOINT = AttributeKey.booleanKey("rivulet.checkpoint.savepoint");
  private static final AttributeKey<Long> SIZE = AttributeKey.longKey("rivulet.checkpoint.size_bytes");
  private static final AttributeKey<Long> PENDING = AttributeKey.longKey("rivulet.checkpoint.pending_subtasks");

  private final String jobId;
  private final String jobName;
  private Tracer tracer = TracerProvider.noop().get(Tracing.SCOPE);
  /** The span that started the job, linked from every checkpoint's trace. */
  private SpanContext jobSpan = SpanContext.getInvalid();

  CheckpointTracing(String jobId, JobGraph graph) {
    this.jobId = jobId;
    this.jobName = graph.jobName();
  }

  /** See {@link CheckpointCoordinator#setTracer}. */
  void use(Tracer tracer, SpanContext jobSpan) {
    this.tracer = tracer;
    this.jobSpan = jobSpan;
  }

  /**
   * Starts the span of checkpoint {@code id}: a periodic checkpoint starts its own trace, linked to the job's span;
   * one triggered while a span is current (a savepoint requested over REST) joins that trace.
   */
  Span start(long id, boolean savepoint, int attempt) {
    Context current = Context.current();
    SpanBuilder builder = tracer.spanBuilder(savepoint ? "savepoint" : "checkpoint")
        .setAttribute(Tracing.JOB_ID, jobId).setAttribute(Tracing.JOB_NAME, jobName)
        .setAttribute(Tracing.ATTEMPT, (long) attempt).setAttribute(Tracing.CHECKPOINT_ID, id)
        .setAttribute(SAVEPOINT, savepoint);
    if (Span.fromContext(current).getSpanContext().isValid()) {
      builder.setParent(current);
    } else {
      builder.setNoParent();
    }
    if (jobSpan.isValid()) {
      builder.addLink(jobSpan);
    }
    return builder.startSpan();
  }

  /** Runs {@code call} (to the tasks) inside the checkpoint's span. */
  static void inSpan(PendingCheckpoint p, Runnable call) {
    try (Scope ignored = p.span.makeCurrent()) {
      call.run();
    }
  }

  static void acknowledged(PendingCheckpoint p, SubtaskId subtask) {
    p.span.addEvent("acknowledged", Attributes.of(Tracing.VERTEX_ID, (long) subtask.vertexId(),
        Tracing.SUBTASK, (long) subtask.subtaskIndex(), PENDING, (long) p.waiting.size()));
  }

  /** Completed: the span gets the size and ends after {@code notify} (telling the tasks) ran inside it. */
  static void completed(PendingCheckpoint p, CompletedCheckpoint checkpoint, Runnable notify) {
    p.span.setAttribute(SIZE, checkpoint.sizeBytes());
    endAfter(p, notify);
  }

  /** Aborted: the span is marked failed and ends after {@code notify} (telling the tasks) ran inside it. */
  static void aborted(PendingCheckpoint p, String reason, Runnable notify) {
    p.span.setStatus(StatusCode.ERROR, "aborted: " + reason);
    endAfter(p, notify);
  }

  /** Its metadata could not be written: the span ends failed. */
  static void failedToWrite(PendingCheckpoint p, Throwable e, String reason) {
    p.span.recordException(e);
    p.span.setStatus(StatusCode.ERROR, reason);
    p.span.end();
  }

  private static void endAfter(PendingCheckpoint p, Runnable notify) {
    try (Scope ignored = p.span.makeCurrent()) {
      notify.run();
    } finally {
      p.span.end();
    }
  }
}
