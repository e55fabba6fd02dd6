package io.rivulet.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Apicurio Registry (3.0.9, in-memory storage) running as a separate JVM from the distribution the
 * build unpacked into {@code kafka/target/apicurio-registry}. Listens on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (LocalApicurio registry = LocalApicurio.builder().start()) {
 *   String url = registry.apiUrl(); // http://127.0.0.1:<port>/apis/registry/v3
 * }
 * }</pre>
 *
 * <p>From a shell: {@code java -cp kafka/target/classes io.rivulet.kafka.local.LocalApicurio [--port N]
 * [--dir D]} prints {@code registry.url=http://127.0.0.1:N/apis/registry/v3} once it answers.
 *
 * <p>The registry process exits by itself when this JVM dies (see {@link ParentWatch}). Not thread-safe: one
 * owner starts and closes it.
 */
public final class LocalApicurio implements AutoCloseable {
  /** The REST API's base path (Apicurio 3, also what the 3.1.x serdes use). */
  public static final String API_PATH = "/apis/registry/v3";

  private final ChildProcess registry;
  private final int port;
  private final Path dir;
  private final boolean ownsDir;

  private LocalApicurio(ChildProcess registry, int port, Path dir, boolean ownsDir) {
    this.registry = registry;
    this.port = port;
    this.dir = dir;
    this.ownsDir = ownsDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code http://127.0.0.1:<port>/apis/registry/v3}: what serdes call {@code apicurio.registry.url}. */
  public String apiUrl() {
    return url() + API_PATH;
  }

  public int port() {
    return port;
  }

  public boolean isAlive() {
    return registry.isAlive();
  }

  /** Stops the registry (its in-memory content is gone) and deletes its directory if it made it. */
  @Override
  public void close() {
    registry.close();
    if (ownsDir) {
      LocalKafka.deleteRecursively(dir);
    }
  }

  @Override
  public String toString() {
    return "LocalApicurio(" + url() + ", " + registry + ")";
  }

  /** Options of a registry to start. */
  public static final class Builder {
    private int port;
    private Path dir;
    private Duration startupTimeout = Duration.ofSeconds(90);

    private Builder() {}

    /** HTTP port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      this.port = port;
      return this;
    }

    /** Working directory (holds {@code registry.log}); default a temporary directory, deleted on close. */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** Starts the registry and returns once {@code /apis/registry/v3/system/info} answers. */
    public LocalApicurio start() {
      try {
        return startRegistry(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a local Apicurio Registry", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting a local Apicurio Registry", e);
      }
    }
  }

  private static LocalApicurio startRegistry(Builder b) throws IOException, InterruptedException {
    boolean ownsDir = b.dir == null;
    Path dir = ownsDir ? Files.createTempDirectory("rivulet-apicurio-") : Files.createDirectories(b.dir);
    Path runner = runnerJar(ModulePaths.apicurioHome());
    Path log = dir.resolve("registry.log");
    for (int attempt = 1; ; attempt++) {
      int port = b.port == 0 ? FreePorts.pick() : b.port;
      List<String> jvm = List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
          "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
          // the in-memory (H2) storage is the default; say so, so a changed default cannot surprise
          "-Dapicurio.storage.kind=sql", "-Dapicurio.storage.sql.kind=h2",
          "-Dapicurio.import.work-dir=" + dir);
      // the runner's manifest puts lib/ on the class path; its Main-Class is Quarkus's generated main
      ChildProcess registry = ChildProcess.start("apicurio registry", jvm, List.of(runner.toString()),
          "io.quarkus.runner.GeneratedMain", List.of(), dir, log);
      try {
        awaitReady(registry, "http://127.0.0.1:" + port + API_PATH + "/system/info", b.startupTimeout);
        return new LocalApicurio(registry, port, dir, ownsDir);
      } catch (RuntimeException | InterruptedException e) {
        registry.close();
        boolean portTaken = e instanceof RuntimeException && FreePorts.lostItsPort(registry);
        // the port, free when picked, was taken before the registry bound it (see FreePorts): again, on a fresh
        // one; the lost start-up's log is kept next to the new one
        if (portTaken && b.port == 0 && attempt < FreePorts.START_ATTEMPTS) {
          Files.move(log, dir.resolve("registry.log." + attempt), StandardCopyOption.REPLACE_EXISTING);
          continue;
        }
        if (ownsDir) {
          LocalKafka.deleteRecursively(dir);
        }
        if (portTaken) {
          throw new IllegalStateException("the Apicurio Registry could not bind its port, another process holds it ("
              + (b.port != 0 ? "port " + b.port + " was given" : attempt + " times in a row") + "):\n"
              + e.getMessage(), e);
        }
        throw e;
      }
    }
  }

  private static Path runnerJar(Path home) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(home, "apicurio-registry-app-*-runner.jar")) {
      for (Path p : ds) {
        return p;
      }
    }
    throw new IllegalStateException("no apicurio-registry-app-*-runner.jar in " + home);
  }

  private static void awaitReady(ChildProcess registry, String infoUrl, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(infoUrl)).timeout(Duration.ofSeconds(5)).GET().build();
    while (true) {
      if (!registry.isAlive()) {
        throw new IllegalStateException("the Apicurio Registry exited during start-up:\n" + registry.logTail(40));
      }
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the Apicurio Registry " + registry + " did not answer within " + timeout
            + ":\n" + registry.logTail(40));
      }
      LockSupport.parkNanos(100_000_000L); // between attempts that failed fast (connection refused)
    }
  }

  /**
   * Starts a registry and keeps it running until this JVM is terminated. Arguments: {@code --port N} (default:
   * a free port), {@code --dir D} (default: a temporary directory). Prints {@code registry.url=<api url>} on
   * standard output once it answers.
   */
  public static void main(String[] args) throws InterruptedException {
    Builder b = builder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> b.port(Integer.parseInt(LocalKafka.value(args, ++i, "--port")));
        case "--dir" -> b.dir(Path.of(LocalKafka.value(args, ++i, "--dir")));
        default -> {
          System.err.println("unknown argument " + args[i] + "; usage: LocalApicurio [--port N] [--dir D]");
          System.exit(2);
        }
      }
    }
    LocalApicurio registry = b.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "local-apicurio-stop"));
    System.out.println("registry.url=" + registry.apiUrl());
    System.out.flush();
    stopped.await();
  }
}
