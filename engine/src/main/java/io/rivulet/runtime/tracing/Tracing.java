package io.rivulet.runtime.tracing;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;

/**
 * The OpenTelemetry instance the engine's spans and gRPC context propagation use: the services pass in the one
 * Quarkus configured (exporting over OTLP); everything else gets {@link #noop()}, which creates no spans and
 * propagates nothing. Immutable.
 */
public final class Tracing {
  /** Instrumentation scope of every span the engine creates. */
  public static final String SCOPE = "io.rivulet";

  public static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("rivulet.job.id");
  public static final AttributeKey<String> JOB_NAME = AttributeKey.stringKey("rivulet.job.name");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("rivulet.job.attempt");
  public static final AttributeKey<String> RUNTIME_ID = AttributeKey.stringKey("rivulet.runtime.id");
  public static final AttributeKey<Long> CHECKPOINT_ID = AttributeKey.longKey("rivulet.checkpoint.id");
  public static final AttributeKey<Long> VERTEX_ID = AttributeKey.longKey("rivulet.vertex.id");
  public static final AttributeKey<Long> SUBTASK = AttributeKey.longKey("rivulet.subtask");

  private static final Tracing NOOP = new Tracing(OpenTelemetry.noop());

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final ClientInterceptor client;
  private final ServerInterceptor server;

  private Tracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer(SCOPE);
    this.client = new GrpcClientTracing(tracer, openTelemetry.getPropagators().getTextMapPropagator());
    this.server = new GrpcServerTracing(tracer, openTelemetry.getPropagators().getTextMapPropagator());
  }

  public static Tracing of(OpenTelemetry openTelemetry) {
    return new Tracing(openTelemetry);
  }

  public static Tracing noop() {
    return NOOP;
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  public Tracer tracer() {
    return tracer;
  }

  /**
   * For channels to other processes: a call made while a span is current gets a client span and carries the
   * context (W3C {@code traceparent}) in its metadata. Calls made outside any span (heartbeats, reports) are
   * left alone, so that periodic traffic starts no traces.
   */
  public ClientInterceptor clientInterceptor() {
    return client;
  }

  /**
   * For servers: a call whose metadata carries a trace context gets a server span, current while the service
   * handles the call; calls without one are left alone.
   */
  public ServerInterceptor serverInterceptor() {
    return server;
  }
}
