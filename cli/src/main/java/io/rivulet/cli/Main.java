package io.rivulet.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rivulet} command line; {@code bin/rivulet} runs it. */
// scope INHERIT: every subcommand gets --help and --version too (`rivulet demo --help`)
@Command(name = "rivulet", mixinStandardHelpOptions = true, version = "rivulet 0.1.0-SNAPSHOT",
    scope = CommandLine.ScopeType.INHERIT,
    description = "A Flink-style stream processor: run examples, the demo, and benchmarks.",
    subcommands = {DemoCommand.class, RunCommand.class, BenchCommand.class, ClusterCommands.Submit.class,
        ClusterCommands.ListJobs.class, ClusterCommands.Cancel.class, ClusterCommands.Savepoint.class,
        ClusterCommands.Stop.class, ServiceCommands.ControlPlane.class,
        ServiceCommands.TaskRuntime.class, ControlPlaneBenchCommand.class})
public final class Main implements Runnable {
  /**
   * The Kafka clients' logger (through slf4j-jdk14), held here because java.util.logging keeps loggers only weakly
   * and would forget the level: their INFO lines (every client's whole configuration) are not for the CLI's user.
   */
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

  public static void main(String[] args) {
    // one line per log record, without stack traces: the CLI's output is for people
    System.setProperty("java.util.logging.SimpleFormatter.format", "[%1$tT] %4$s %5$s%n");
    KAFKA_LOG.setLevel(Level.WARNING);
    CommandLine cli = new CommandLine(new Main());
    // client errors (bad request, unknown job) are messages for the user, not stack traces
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof io.rivulet.client.RivuletClientException) {
        cmd.getErr().println("rivulet: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    int code = cli.execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
