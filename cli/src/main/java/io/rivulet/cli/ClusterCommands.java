package io.rivulet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.client.RivuletClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Commands against a running control plane: submit, list, cancel, savepoint, stop. */
final class ClusterCommands {
  private ClusterCommands() {}

  /** Options shared by the client commands. */
  static class Target {
    @Option(names = "--control-plane", defaultValue = "${env:RIVULET_CONTROL_PLANE:-http://127.0.0.1:8080}",
        description = "control plane REST address (default ${DEFAULT-VALUE}, or $RIVULET_CONTROL_PLANE)")
    String url;

    RivuletClient client() {
      return new RivuletClient(url);
    }
  }

  @Command(name = "submit", description = "Upload a job JAR and run its entry class on the cluster")
  static final class Submit extends Target implements Callable<Integer> {
    @Option(names = "--jar", required = true, description = "the job JAR")
    Path jar;

    @Option(names = "--class", description = "entry class (default: the JAR's Main-Class)")
    String entryClass;

    @Option(names = "--parallelism", description = "default parallelism of the job")
    Integer parallelism;

    @Option(names = {"--from-savepoint", "--savepoint", "-s"},
        description = "start from this savepoint or checkpoint directory (as the control plane sees it)")
    String savepoint;

    @Parameters(description = "arguments passed to the entry class's main")
    List<String> args = List.of();

    @Override
    public Integer call() {
      if (!Files.isRegularFile(jar)) {
        System.err.println("no such file: " + jar);
        return 2;
      }
      RivuletClient c = client();
      String jarId = c.uploadJar(jar);
      String jobId = c.runJar(jarId, entryClass, args, parallelism, savepoint);
      System.out.println("submitted job " + jobId + " (jar " + jarId + "); follow it with: rivulet list");
      return 0;
    }
  }

  @Command(name = "list", description = "List the jobs of the cluster")
  static final class ListJobs extends Target implements Callable<Integer> {
    @Override
    public Integer call() {
      JsonNode jobs = client().jobsOverview().path("jobs");
      System.out.printf("%-34s %-12s %10s  %s%n", "JOB ID", "STATE", "DURATION", "NAME");
      for (JsonNode j : jobs) {
        System.out.printf("%-34s %-12s %9.1fs  %s%n", j.path("jid").asText(), j.path("state").asText(),
            j.path("duration").asLong() / 1000.0, j.path("name").asText());
      }
      return 0;
    }
  }

  @Command(name = "cancel", description = "Cancel a job")
  static final class Cancel extends Target implements Callable<Integer> {
    @Parameters(index = "0", description = "job id")
    String jobId;

    @Override
    public Integer call() {
      client().cancel(jobId);
      System.out.println("cancelling job " + jobId);
      return 0;
    }
  }

  /** What {@code savepoint} and {@code stop} share: the job, where the savepoint goes, how long to wait for it. */
  abstract static class SavepointCommand extends Target implements Callable<Integer> {
    @Parameters(index = "0", description = "job id")
    String jobId;

    @Option(names = {"--target-dir", "-d"}, description = "absolute directory (on the control plane's filesystem) to"
        + " create the savepoint in (default: the control plane's rivulet.savepoints.directory)")
    String targetDir;

    @Option(names = "--timeout", defaultValue = "10m", description = "how long to wait (default ${DEFAULT-VALUE})")
    String timeout;

    /** Sends the request; returns its trigger id. */
    abstract String trigger(RivuletClient c);

    /** What is printed (on stderr) while waiting, before the trigger id. */
    abstract String waitingFor();

    @Override
    public Integer call() {
      RivuletClient c = client();
      String trigger = trigger(c);
      System.err.println(waitingFor() + " (request " + trigger + "), waiting ...");
      System.out.println(c.awaitSavepoint(jobId, trigger, Durations.parse(timeout)));
      return 0;
    }
  }

  @Command(name = "savepoint", description = "Take a savepoint of a running job; waits and prints its directory")
  static final class Savepoint extends SavepointCommand {
    @Override
    String trigger(RivuletClient c) {
      return c.triggerSavepoint(jobId, targetDir, false);
    }

    @Override
    String waitingFor() {
      return "savepoint of job " + jobId + " triggered";
    }
  }

  @Command(name = "stop", description = "Stop a job with a savepoint (it ends CANCELED); waits and prints the"
      + " savepoint's directory, to submit the job again from with --from-savepoint")
  static final class Stop extends SavepointCommand {
    @Override
    String trigger(RivuletClient c) {
      return c.stopWithSavepoint(jobId, targetDir);
    }

    @Override
    String waitingFor() {
      return "stopping job " + jobId + " with a savepoint";
    }
  }
}
