package io.rivulet.runtime.tracing;

import io.grpc.Metadata;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/** Reads and writes propagation fields ({@code traceparent}, {@code tracestate}, {@code baggage}) as gRPC metadata. */
final class GrpcMetadata implements TextMapGetter<Metadata>, TextMapSetter<Metadata> {
  static final GrpcMetadata INSTANCE = new GrpcMetadata();

  private GrpcMetadata() {}

  private static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Override
  public void set(Metadata carrier, String name, String value) {
    if (carrier != null) {
      Metadata.Key<String> k = key(name);
      carrier.removeAll(k);
      carrier.put(k, value);
    }
  }

  @Override
  public Iterable<String> keys(Metadata carrier) {
    return carrier.keys();
  }

  @Override
  public String get(Metadata carrier, String name) {
    return carrier == null || name.endsWith(Metadata.BINARY_HEADER_SUFFIX) ? null : carrier.get(key(name));
  }
}
