package io.rivulet.runtime.network.grpc;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A runtime's end of the DIRECT exchange: the gRPC server other runtimes send data to, the registry of
 * channels its tasks expect, and one outbound connection per runtime it sends data to.
 */
public final class DataExchange implements AutoCloseable {
  private final ChannelRegistry registry = new ChannelRegistry();
  private final Server server;
  private final Map<String, ManagedChannel> grpcChannels = new ConcurrentHashMap<>();
  private final Map<String, OutboundConnection> connections = new ConcurrentHashMap<>();

  /** Starts the server on {@code host:port} (port 0: any free port). */
  public DataExchange(String host, int port) throws IOException {
    // Direct executors on both ends: a frame is handled on the Netty event loop that read it, instead of being
    // handed to gRPC's executor first. The exchange is latency-bound (credit goes round trip for every buffer),
    // and on a loaded machine each thread hand-over costs a scheduling delay. Safe because no handler blocks: they
    // take the short locks of the gate and the credit classes (held for a buffer hand-over) and send without waiting.
    this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .directExecutor()
        .addService(new DataExchangeService(registry))
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build()
        .start();
  }

  public int port() {
    return server.getPort();
  }

  public ChannelRegistry registry() {
    return registry;
  }

  /** The connection to the runtime at {@code host:port}, opened on first use and replaced once broken. */
  public OutboundConnection connectionTo(String host, int port) {
    String target = host + ":" + port;
    return connections.compute(target, (t, existing) -> {
      if (existing != null && !existing.isFailed()) {
        return existing;
      }
      ManagedChannel ch = grpcChannels.computeIfAbsent(t, k -> NettyChannelBuilder.forAddress(host, port)
          .usePlaintext().directExecutor().maxInboundMessageSize(64 * 1024 * 1024).build());
      // The stream outlives whatever opened it. Started in the caller's gRPC context (a runtime wires while
      // serving Deploy), it would be cancelled together with that call, so start it in the root context.
      Context previous = Context.ROOT.attach();
      try {
        return new OutboundConnection(ch, t);
      } finally {
        Context.ROOT.detach(previous);
      }
    });
  }

  /**
   * Forgets a job attempt's channels on both ends this runtime has: the consumer side (the registry stops
   * routing to its input channels) and the producer side (outbound connections stop serving its output
   * channels). For attempts that were cancelled or have ended.
   */
  public void releaseAttempt(String jobId, int attempt) {
    registry.removeAttempt(jobId, attempt);
    connections.values().forEach(c -> c.removeAttempt(jobId, attempt));
  }

  /** The server was shut down (the runtime is closing). */
  public boolean isClosed() {
    return server.isShutdown();
  }

  @Override
  public void close() {
    connections.values().forEach(OutboundConnection::close);
    grpcChannels.values().forEach(ManagedChannel::shutdownNow);
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
