package io.rivulet.runtime.tracing;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * Server side of gRPC context propagation: a call whose metadata carries a trace context gets a SERVER span (a
 * child of the caller's span), and the span is current in every callback of the call, so that spans the service
 * starts while handling it (a runtime deploying tasks) join the caller's trace.
 */
final class GrpcServerTracing implements ServerInterceptor {
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  GrpcServerTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    Context parent = propagator.extract(Context.root(), headers, GrpcMetadata.INSTANCE);
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return next.startCall(call, headers);
    }
    MethodDescriptor<Q, A> method = call.getMethodDescriptor();
    Span span = tracer.spanBuilder(method.getFullMethodName()).setParent(parent).setSpanKind(SpanKind.SERVER)
        .setAttribute(RpcAttributes.SYSTEM, "grpc")
        .setAttribute(RpcAttributes.SERVICE, method.getServiceName())
        .setAttribute(RpcAttributes.METHOD, method.getBareMethodName())
        .startSpan();
    Context context = parent.with(span);
    GrpcClientTracing.SpanEnd end = new GrpcClientTracing.SpanEnd(span);
    ServerCall<Q, A> traced = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        end.closed(status);
        super.close(status, trailers);
      }
    };
    ServerCall.Listener<Q> listener;
    try (Scope ignored = context.makeCurrent()) {
      listener = next.startCall(traced, headers);
    } catch (RuntimeException e) {
      end.failed(e);
      throw e;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        try (Scope ignored = context.makeCurrent()) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        try (Scope ignored = context.makeCurrent()) {
          super.onHalfClose();
        } catch (RuntimeException e) {
          end.failed(e);
          throw e;
        }
      }

      @Override
      public void onCancel() {
        end.closed(Status.CANCELLED);
        try (Scope ignored = context.makeCurrent()) {
          super.onCancel();
        }
      }

      @Override
      public void onComplete() {
        try (Scope ignored = context.makeCurrent()) {
          super.onComplete();
        }
      }

      @Override
      public void onReady() {
        try (Scope ignored = context.makeCurrent()) {
          super.onReady();
        }
      }
    };
  }
}
