package io.rivulet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the control plane or a task runtime in the foreground. */
final class ServiceCommands {
  private ServiceCommands() {}

  @Command(name = "control-plane", description = "Run the control plane (REST API, scheduler, checkpoints)")
  static final class ControlPlane implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "REST port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--grpc-port", defaultValue = "6123", description = "port task runtimes register on (default ${DEFAULT-VALUE})")
    int grpcPort;

    @Option(names = "--data-dir", defaultValue = "rivulet-data", description = "job store, JARs, checkpoints (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--embedded", description = "run jobs inside the control plane instead of on task runtimes")
    boolean embedded;

    @Override
    public Integer call() throws Exception {
      List<String> props = new ArrayList<>(List.of(
          "rivulet.execution=" + (embedded ? "embedded" : "cluster"),
          "quarkus.http.port=" + port,
          "rivulet.cluster.grpc-port=" + grpcPort,
          "rivulet.cluster.advertised-url=http://127.0.0.1:" + port,
          "rivulet.data.directory=" + dataDir.toAbsolutePath()));
      System.out.printf("control plane: REST http://127.0.0.1:%d/v1, task runtimes register on 127.0.0.1:%d%n", port, grpcPort);
      return Apps.runForeground(Apps.command("control-plane", List.of(), props));
    }
  }

  @Command(name = "task-runtime", description = "Run a task runtime that registers with a control plane")
  static final class TaskRuntime implements Callable<Integer> {
    @Option(names = "--slots", defaultValue = "2", description = "task slots (default ${DEFAULT-VALUE})")
    int slots;

    @Option(names = "--control-plane", defaultValue = "127.0.0.1:6123",
        description = "the control plane's gRPC address host:port (default ${DEFAULT-VALUE})")
    String controlPlane;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port for health and metrics (default: any free)")
    int port;

    @Option(names = "--work-dir", description = "JARs and RocksDB (default: a directory per runtime id)")
    Path workDir;

    @Option(names = "--id", description = "runtime id (default: generated)")
    String id;

    @Override
    public Integer call() throws Exception {
      String cp = controlPlane.replaceFirst("^[a-z]+://", "");
      int http = port == 0 ? Apps.freePort() : port;
      List<String> props = new ArrayList<>(List.of(
          "rivulet.runtime.slots=" + slots,
          "rivulet.control-plane.address=" + cp,
          "quarkus.http.port=" + http));
      if (workDir != null) {
        props.add("rivulet.runtime.work-dir=" + workDir.toAbsolutePath());
      } else {
        props.add("rivulet.runtime.work-dir=" + Path.of("rivulet-runtime-" + http).toAbsolutePath());
      }
      if (id != null) {
        props.add("rivulet.runtime.id=" + id);
      }
      System.out.printf("task runtime: %d slots, registering with %s; health http://127.0.0.1:%d/q/health%n", slots, cp, http);
      return Apps.runForeground(Apps.command("task-runtime", List.of(), props));
    }
  }
}
