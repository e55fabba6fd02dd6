package io.rivulet.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks loopback ports for child processes (brokers, registries) to bind. A port is free when picked but bound only
 * seconds later by the child JVM, so it can be lost in between (to another process, or to an outgoing connection,
 * which takes its local port from the same range): the child then exits at start-up, saying so in its log
 * ({@link #lostItsPort}), and its starter starts it again on fresh ports, at most {@link #START_ATTEMPTS} times.
 */
final class FreePorts {
  /**
   * How the children log a port that another socket holds: {@code java.net.BindException}'s message (the Kafka
   * broker), and Quarkus's own words (the Apicurio Registry, which does not log the exception).
   */
  static final List<String> PORT_TAKEN = List.of("Address already in use", "seems to be in use by another process");
  /** Start-ups of a child before giving up on finding it free ports; a lost port is rare, twice in a row rarer. */
  static final int START_ATTEMPTS = 3;

  /**
   * Every port handed out in this JVM: never handed out again, so two ports of one child (a broker's client and
   * controller listeners) or of two children never collide, even when the kernel offers a released port again.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** Whether {@code child} failed to start because a port it was to listen on was taken. */
  static boolean lostItsPort(ChildProcess child) {
    return PORT_TAKEN.stream().anyMatch(child::logContains);
  }

  static int pick() {
    while (true) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port on loopback", e);
      }
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
  }
}
