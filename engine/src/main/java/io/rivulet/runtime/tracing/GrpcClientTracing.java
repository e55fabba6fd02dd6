package io.rivulet.runtime.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client side of gRPC context propagation: when a span is current, a call gets a CLIENT span named after the
 * method ({@code rivulet.control.TaskRuntime/Deploy}, the OpenTelemetry RPC convention), and that span's context
 * goes into the request metadata. The span ends when the call closes, with the gRPC status.
 */
final class GrpcClientTracing implements ClientInterceptor {
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  GrpcClientTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    Context parent = Context.current();
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return next.newCall(method, options); // no trace to continue: heartbeats and reports start none
    }
    SpanBuilder builder = tracer.spanBuilder(method.getFullMethodName()).setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(RpcAttributes.SYSTEM, "grpc")
        .setAttribute(RpcAttributes.SERVICE, method.getServiceName())
        .setAttribute(RpcAttributes.METHOD, method.getBareMethodName());
    String authority = next.authority();
    int colon = authority == null ? -1 : authority.lastIndexOf(':');
    if (colon > 0) {
      builder.setAttribute(RpcAttributes.SERVER_ADDRESS, authority.substring(0, colon));
      try {
        builder.setAttribute(RpcAttributes.SERVER_PORT, Long.parseLong(authority.substring(colon + 1)));
      } catch (NumberFormatException notAPort) {
        // an authority without a numeric port: the address alone
      }
    } else if (authority != null) {
      builder.setAttribute(RpcAttributes.SERVER_ADDRESS, authority);
    }
    Span span = builder.startSpan();
    Context context = parent.with(span);
    SpanEnd end = new SpanEnd(span);
    ClientCall<Q, A> call;
    try (Scope ignored = context.makeCurrent()) {
      call = next.newCall(method, options);
    } catch (RuntimeException e) {
      end.failed(e);
      throw e;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<A> responseListener, Metadata headers) {
        propagator.inject(context, headers, GrpcMetadata.INSTANCE);
        try {
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(responseListener) {
            @Override
            public void onClose(Status status, Metadata trailers) {
              end.closed(status);
              super.onClose(status, trailers);
            }
          }, headers);
        } catch (RuntimeException e) {
          end.failed(e);
          throw e;
        }
      }

      @Override
      public void cancel(String message, Throwable cause) {
        end.closed(Status.CANCELLED.withDescription(message));
        super.cancel(message, cause);
      }
    };
  }

  /** Ends a call's span exactly once, whichever of close, cancel or a failure to start comes first. */
  static final class SpanEnd {
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    SpanEnd(Span span) {
      this.span = span;
    }

    void closed(Status status) {
      if (ended.compareAndSet(false, true)) {
        span.setAttribute(RpcAttributes.GRPC_STATUS_CODE, status.getCode().value());
        if (!status.isOk()) {
          span.setStatus(StatusCode.ERROR, status.getCode() + (status.getDescription() == null ? ""
              : ": " + status.getDescription()));
        }
        span.end();
      }
    }

    void failed(Throwable t) {
      if (ended.compareAndSet(false, true)) {
        span.recordException(t);
        span.setStatus(StatusCode.ERROR, t.toString());
        span.end();
      }
    }
  }
}
