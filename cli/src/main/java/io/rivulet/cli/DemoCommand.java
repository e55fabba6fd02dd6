package io.rivulet.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/rivulet demo}: by default the whole cluster on this machine running the simulator job
 * ({@link ClusterDemo}); {@code --embedded} runs the FIFO job inside this JVM only ({@link EmbeddedDemo});
 * {@code --stop} stops a cluster left running by {@code --keep}.
 */
@Command(name = "demo", description = {
    "Start a local cluster (Kafka, Apicurio Registry, trace viewer, control plane, two task runtimes), run the"
        + " simulator job and print progress and a verdict.",
    "With --embedded: the FIFO job in this JVM only."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--embedded", description = "run the FIFO job embedded in this JVM; start no processes")
  boolean embedded;

  @Option(names = "--keep", description = "leave the cluster running after the job (stop it with --stop)")
  boolean keep;

  @Option(names = "--stop", description = "stop the processes of a cluster left running by --keep, and exit")
  boolean stop;

  @Option(names = "--records", defaultValue = "10000000", description = "records to send (default ${DEFAULT-VALUE})")
  long records;

  @Option(names = "--rate", defaultValue = "1000000", description = "records per second, 0 = unthrottled (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--keys", defaultValue = "1000", description = "distinct keys (default ${DEFAULT-VALUE})")
  int keys;

  @Option(names = "--parallelism", defaultValue = "2", description = "parallelism (default ${DEFAULT-VALUE})")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "1s", description = "e.g. 500ms, 2s (default ${DEFAULT-VALUE})")
  String checkpointInterval;

  @Option(names = "--fail-at", defaultValue = "-1", description = "inject one task failure: embedded after this many"
      + " records of subtask 0, in the cluster when the checker sees this sequence number of a key; 0 = none"
      + " (default: 40%% through)")
  long failAt;

  @Option(names = "--state", defaultValue = "heap", description = "embedded: heap or rocksdb (default ${DEFAULT-VALUE})")
  String state;

  @Option(names = "--port", defaultValue = "8080", description = "cluster: HTTP port of the control plane, Web UI"
      + " and REST API (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--zipkin-port", defaultValue = "9411", description = "cluster: port of the trace viewer (default"
      + " ${DEFAULT-VALUE})")
  int zipkinPort;

  // for tests: the source holds before this record index until the file exists (spec params holdAt, releaseFile), so
  // that something (a latency marker through every exchange, say) certainly happens while the job runs
  @Option(names = "--hold-at", defaultValue = "-1", hidden = true)
  long holdAt;

  @Option(names = "--release-file", hidden = true)
  Path releaseFile;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((holdAt >= 0) != (releaseFile != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--hold-at and --release-file come together");
    }
    // where pids, logs and data go; tests point it elsewhere so that they never touch a user's running demo
    String dir = System.getProperty("rivulet.demo.dir");
    Path state = dir != null ? Path.of(dir).toAbsolutePath() : Apps.home().resolve(".rivulet/demo");
    if (stop) {
      int stopped = DemoProcesses.stopRecorded(state);
      System.out.println(stopped == 0 ? "no demo cluster was running" : "stopped " + stopped + " demo processes");
      return 0;
    }
    return embedded ? new EmbeddedDemo(this).run() : new ClusterDemo(this, state).run();
  }
}
