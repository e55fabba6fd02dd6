package io.rivulet.taskruntime;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupUnlessProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Sends traces to Zipkin instead of OTLP when {@code rivulet.traces.zipkin-endpoint} is set, chosen at run time.
 *
 * <p>Quarkus fixes {@code quarkus.otel.traces.exporter} at build time; its default, {@code cdi}, exports to every
 * {@link SpanExporter} bean, and installs its own OTLP exporter only while no such bean can be looked up. This bean
 * can be looked up only when the property is set, so the property alone switches between OTLP (default, Jaeger on
 * OpenShift) and Zipkin (a local zipkin-server, which has no OTLP endpoint).
 */
@ApplicationScoped
public class ZipkinTraces {
  @Produces
  @Singleton
  @LookupUnlessProperty(name = "rivulet.traces.zipkin-endpoint", stringValue = "", lookupIfMissing = false)
  SpanExporter zipkin(RuntimeConfig config) {
    return ZipkinSpanExporter.builder().setEndpoint(config.traces().zipkinEndpoint().orElseThrow(
        () -> new IllegalStateException("rivulet.traces.zipkin-endpoint is not set"))).build();
  }
}
