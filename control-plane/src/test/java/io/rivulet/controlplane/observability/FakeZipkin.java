package io.rivulet.controlplane.observability;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A Zipkin v2 span endpoint ({@code POST /api/v2/spans}) that keeps what it receives (unzipped), plus a port that only counts
 * connections, given to the application as its OTLP endpoint: whatever connects there was exported over OTLP.
 * Injected into fields of type {@code FakeZipkin}.
 */
public class FakeZipkin implements QuarkusTestResourceLifecycleManager {
  public final List<String> posts = new CopyOnWriteArrayList<>();
  public final AtomicInteger otlpConnections = new AtomicInteger();
  private HttpServer server;
  private ServerSocket otlp;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/v2/spans", exchange -> {
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        try (InputStream in = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
          posts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
      });
      server.start();
      otlp = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!otlp.isClosed()) {
          try (Socket ignored = otlp.accept()) {
            otlpConnections.incrementAndGet();
          } catch (IOException closed) {
            return;
          }
        }
      }, "fake-otlp-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of(
        "rivulet.traces.zipkin-endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/spans",
        "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + otlp.getLocalPort());
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(this, new TestInjector.MatchesType(FakeZipkin.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    try {
      if (otlp != null) {
        otlp.close();
      }
    } catch (IOException ignored) {
      // closing a test socket
    }
  }
}
