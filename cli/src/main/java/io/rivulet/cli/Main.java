package io.rivulet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rivulet} command line; {@code bin/rivulet} runs it. */
@Command(name = "rivulet", mixinStandardHelpOptions = true, version = "rivulet 0.1.0-SNAPSHOT",
    description = "A Flink-style stream processor: run examples, the demo, and benchmarks.",
    subcommands = {BenchCommand.class})
public final class Main implements Runnable {
  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    System.exit(code);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
