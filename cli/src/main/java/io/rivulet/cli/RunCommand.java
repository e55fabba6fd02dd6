package io.rivulet.cli;

import io.rivulet.examples.WindowedEvents;
import io.rivulet.examples.WordCount;
import io.rivulet.examples.fifo.FifoJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs one of the bundled example jobs embedded. */
@Command(name = "run", description = "Run an example job embedded: wordcount | windows | fifo")
final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "wordcount, windows or fifo")
  String example;

  @Override
  public Integer call() throws Exception {
    switch (example) {
      case "wordcount" -> WordCount.main(new String[0]);
      case "windows" -> WindowedEvents.main(new String[0]);
      case "fifo" -> FifoJob.main(new String[0]);
      default -> {
        System.err.println("unknown example '" + example + "': use wordcount, windows or fifo");
        return 2;
      }
    }
    return 0;
  }
}
