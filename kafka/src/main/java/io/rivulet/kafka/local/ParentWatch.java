package io.rivulet.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of a child process started by {@link ChildProcess}: runs another main class, and exits (running
 * the child's shutdown hooks, so a broker shuts down cleanly) as soon as its standard input reaches end of
 * file. The parent holds the other end of that pipe, so the child never outlives the parent, even when the
 * parent is killed with {@code kill -9} and cannot stop it.
 *
 * <p>Usage: {@code java -cp ... io.rivulet.kafka.local.ParentWatch <main class> [args...]}
 */
public final class ParentWatch {
  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatch <main class> [args...]");
      System.exit(2);
    }
    Thread watch = new Thread(ParentWatch::exitAtEndOfInput, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }

  private static void exitAtEndOfInput() {
    InputStream in = System.in;
    byte[] sink = new byte[256];
    try {
      while (in.read(sink) >= 0) {
        // the parent writes nothing; reading only waits for the pipe to close
      }
    } catch (IOException e) {
      // a broken pipe means the same as end of file: the parent is gone
    }
    System.exit(0);
  }
}
