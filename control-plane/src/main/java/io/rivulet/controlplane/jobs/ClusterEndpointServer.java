package io.rivulet.controlplane.jobs;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.rivulet.runtime.rpc.ControlPlaneGateway;
import io.rivulet.runtime.rpc.ControlPlaneGrpcService;
import io.rivulet.runtime.tracing.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server task runtimes talk to. Plain grpc-java (the engine's shaded Netty) rather than Quarkus gRPC,
 * so that control and data traffic use one gRPC stack, the same in the control plane and in the runtimes.
 */
public final class ClusterEndpointServer implements AutoCloseable {
  private final Server server;

  /** @param tracing continues a runtime's trace context when a call carries one */
  public ClusterEndpointServer(String host, int port, ControlPlaneGateway endpoint, Tracing tracing) {
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
          .addService(ServerInterceptors.intercept(new ControlPlaneGrpcService(endpoint), tracing.serverInterceptor()))
          .maxInboundMessageSize(64 * 1024 * 1024).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the control protocol on " + host + ":" + port
          + " (rivulet.cluster.grpc-port): " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
