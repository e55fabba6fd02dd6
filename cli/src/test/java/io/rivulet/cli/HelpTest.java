package io.rivulet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of {@code bin/rivulet} answers {@code --help} with its usage, and the usage renders cleanly. */
class HelpTest {

  @Test
  void everySubcommandPrintsItsUsageOnHelp() {
    Map<String, CommandLine> subcommands = new CommandLine(new Main()).getSubcommands();
    assertThat(subcommands).containsKeys("demo", "run", "bench", "submit", "list", "cancel", "control-plane",
        "task-runtime");
    for (String name : subcommands.keySet()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      // picocli reports a description it cannot format (e.g. a bare '%') on System.err, not on the command's writer
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      int code;
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      try {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        code = cli.execute(name, "--help");
      } finally {
        System.setErr(saved);
      }
      assertThat(code).as("exit code of 'rivulet %s --help'", name).isZero();
      assertThat(out.toString()).as("usage of %s", name).contains("Usage: rivulet " + name);
      assertThat(err.toString()).as("errors of %s --help", name).isEmpty();
      assertThat(stderr.toString(StandardCharsets.UTF_8)).as("picocli warnings for %s", name).isEmpty();
    }
  }

  @Test
  void demoHelpShowsTheDefaultFailurePointAsAPercentage() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    cli.execute("demo", "--help");
    assertThat(out.toString().replaceAll("\\s+", " ")).contains("(default: 40% through)");
  }
}
