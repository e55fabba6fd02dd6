package io.rivulet.kafka.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports for a server that another process (or a later step) binds. Not one of the system's ephemeral
 * ports: those are handed out at any time to port-0 servers and outgoing connections, so one that is free now can be
 * taken before the server binds it (a task runtime's HTTP port was, on a busy machine). A free port below that range
 * is only taken by someone who names it; this JVM never hands out the same one twice.
 */
public final class FreePorts {
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  private static final Random RANDOM = new Random();

  private FreePorts() {}

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
