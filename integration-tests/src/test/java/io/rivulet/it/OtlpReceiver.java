package io.rivulet.it;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC trace receiver on a loopback port (what Jaeger's collector offers on 4317): keeps every span the
 * services export, with the name of the service that sent it.
 */
final class OtlpReceiver implements AutoCloseable {
  /** One received span, ids in hex as the W3C traceparent shows them, times in epoch nanoseconds. */
  record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
      Span.SpanKind kind, Map<String, String> attributes, List<String> events, long startNanos, long endNanos) {
    boolean isChildOf(ReceivedSpan parent) {
      return traceId.equals(parent.traceId) && parentSpanId.equals(parent.spanId);
    }

    @Override
    public String toString() {
      return service + ": " + name + " (" + kind + ") " + spanId + " <- " + parentSpanId;
    }
  }

  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final Server server;

  OtlpReceiver() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new TraceServiceGrpc.TraceServiceImplBase() {
          @Override
          public void export(ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> out) {
            request.getResourceSpansList().forEach(OtlpReceiver.this::keep);
            out.onNext(ExportTraceServiceResponse.getDefaultInstance());
            out.onCompleted();
          }
        }).build().start();
  }

  /** The endpoint to give the services ({@code quarkus.otel.exporter.otlp.traces.endpoint}). */
  String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  List<ReceivedSpan> spans() {
    return new ArrayList<>(spans);
  }

  private void keep(ResourceSpans resourceSpans) {
    String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "?");
    HexFormat hex = HexFormat.of();
    for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
      for (Span s : scope.getSpansList()) {
        spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
            s.getName(), s.getKind(), attributes(s.getAttributesList()),
            s.getEventsList().stream().map(Span.Event::getName).toList(), s.getStartTimeUnixNano(),
            s.getEndTimeUnixNano()));
      }
    }
  }

  private static Map<String, String> attributes(Resource resource) {
    return attributes(resource.getAttributesList());
  }

  private static Map<String, String> attributes(List<KeyValue> list) {
    Map<String, String> map = new LinkedHashMap<>();
    for (KeyValue kv : list) {
      var v = kv.getValue();
      map.put(kv.getKey(), switch (v.getValueCase()) {
        case STRING_VALUE -> v.getStringValue();
        case INT_VALUE -> String.valueOf(v.getIntValue());
        case BOOL_VALUE -> String.valueOf(v.getBoolValue());
        case DOUBLE_VALUE -> String.valueOf(v.getDoubleValue());
        default -> v.toString();
      });
    }
    return map;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
