package io.rivulet.kafka.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports for a server that another process (or a later step) binds. Not one of the system's ephemeral
 * ports: those are handed out at any time to port-0 servers and outgoing connections, so one that is free now can be
 * taken before the server binds it (a task runtime's HTTP port was, on a busy machine). A free port below that range
 * is only taken by someone who names it, and this JVM never hands out the same one twice (so two ports of one child,
 * a broker's client and controller listeners, never collide). Should a child still find its port taken, it exits at
 * start-up saying so in its log ({@link #lostItsPort}), and its starter starts it again on fresh ports, at most
 * {@link #START_ATTEMPTS} times.
 */
public final class FreePorts {
  /**
   * How the children log a port that another socket holds: {@code java.net.BindException}'s message (the Kafka
   * broker), and Quarkus's own words (the Apicurio Registry, which does not log the exception).
   */
  static final List<String> PORT_TAKEN = List.of("Address already in use", "seems to be in use by another process");
  /** Start-ups of a child before giving up on finding it free ports; a lost port is rare, twice in a row rarer. */
  static final int START_ATTEMPTS = 3;

  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final Random RANDOM = new Random();

  private FreePorts() {}

  /** Whether {@code child} failed to start because a port it was to listen on was taken. */
  static boolean lostItsPort(ChildProcess child) {
    return PORT_TAKEN.stream().anyMatch(child::logContains);
  }

  public static int pick() {
    int low = ephemeralLow();
    int from = Math.max(1024, low - 16_000);
    for (int i = 0; i < 1_000; i++) {
      int port = from + RANDOM.nextInt(Math.max(1, low - from));
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        // in use: another one
      }
    }
    throw new IllegalStateException("no free loopback port between " + from + " and " + low);
  }

  /** The first ephemeral port: Linux says where its range starts; elsewhere 32768 is at or below it. */
  private static int ephemeralLow() {
    try {
      // read line by line: procfs reports a size of 0, and Files.readString stops after the first byte
      return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
          .split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32768;
    }
  }
}
