package io.rivulet.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one node) running as a separate JVM from
 * the jars the build copied into {@code kafka/target/kafka-lib}. Replication factors and the transaction
 * log's min ISR are 1, so transactions work on the one node.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.builder().start()) {
 *   String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>From a shell (the demo): {@code java -cp 'kafka/target/classes:kafka/target/kafka-lib/*'
 * io.rivulet.kafka.local.LocalKafka [--port N] [--dir D]} prints {@code bootstrap.servers=127.0.0.1:N} once the
 * broker answers, and stops it when terminated.
 *
 * <p>The broker process exits by itself when this JVM dies (see {@link ParentWatch}). {@link #close()} stops it
 * and deletes its data. Not thread-safe: one owner starts and closes it; {@link #bootstrapServers()} may be read
 * from any thread.
 */
public final class LocalKafka implements AutoCloseable {
  private final ChildProcess broker;
  private final String bootstrapServers;
  private final Path dir;
  private final boolean ownsDir;

  private LocalKafka(ChildProcess broker, String bootstrapServers, Path dir, boolean ownsDir) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.dir = dir;
    this.ownsDir = ownsDir;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} of the broker's client listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The broker's directory: {@code server.properties}, {@code broker.log}, {@code data/}. */
  public Path dir() {
    return dir;
  }

  /** Client properties pointing at this broker, to add to. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return p;
  }

  /** Creates a topic (replication factor 1) and waits until it exists; an existing topic is left as it is. */
  public void createTopic(String name, int partitions) {
    try (Admin admin = Admin.create(clientProperties())) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("topic " + name + " was not created within 30 s", e);
    }
  }

  /** Whether the broker process is still running. */
  public boolean isAlive() {
    return broker.isAlive();
  }

  /** Stops the broker (closing its input; killed if it does not exit within 10 s) and deletes its data. */
  @Override
  public void close() {
    broker.close();
    deleteRecursively(ownsDir ? dir : dir.resolve("data"));
  }

  @Override
  public String toString() {
    return "LocalKafka(" + bootstrapServers + ", " + broker + ")";
  }

  /** Options of a broker to start. */
  public static final class Builder {
    private int port;
    private Path dir;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();

    private Builder() {}

    /** The client listener's port on 127.0.0.1; 0 (default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      this.port = port;
      return this;
    }

    /** Where the broker keeps its files; default a new temporary directory, deleted on close. */
    public Builder dir(Path dir) {
      this.dir = dir;
      return this;
    }

    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** A broker setting (server.properties) on top of the defaults of {@link LocalKafka}. */
    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(key, value);
      return this;
    }

    /** Formats the storage, starts the broker and returns once it answers an admin request. */
    public LocalKafka start() {
      try {
        return startBroker(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start a local Kafka broker", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting a local Kafka broker", e);
      }
    }
  }

  private static LocalKafka startBroker(Builder b) throws IOException, InterruptedException {
    boolean ownsDir = b.dir == null;
    Path dir = ownsDir ? Files.createTempDirectory("rivulet-kafka-") : Files.createDirectories(b.dir);
    for (int attempt = 1; ; attempt++) {
      try {
        return startBroker(b, dir, ownsDir);
      } catch (PortTaken e) {
        // a port the caller gave is most likely held for good, and it is not replaced: no new attempt then
        if (b.port != 0 || attempt == FreePorts.START_ATTEMPTS) {
          if (ownsDir) {
            deleteRecursively(dir);
          }
          throw new IllegalStateException("the Kafka broker could not bind its ports, another process holds one ("
              + (b.port != 0 ? "port " + b.port + " was given" : attempt + " times in a row") + "):\n"
              + e.getMessage());
        }
        // a port picked for it was taken before the broker bound it (see FreePorts): again, on fresh ports, from
        // an empty data directory (the lost start-up formatted it); its log is kept next to the new one
        deleteRecursively(dir.resolve("data"));
        Files.move(dir.resolve("broker.log"), dir.resolve("broker.log." + attempt),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The broker lost a port it was to listen on while it started; the message is the end of its log. */
  private static final class PortTaken extends Exception {
    PortTaken(String logTail) {
      super(logTail);
    }
  }

  private static LocalKafka startBroker(Builder b, Path dir, boolean ownsDir)
      throws IOException, InterruptedException, PortTaken {
    int port = b.port == 0 ? FreePorts.pick() : b.port;
    int controllerPort = FreePorts.pick();
    Path config = dir.resolve("server.properties");
    Properties props = serverProperties(port, controllerPort, dir.resolve("data"));
    b.brokerProperties.forEach(props::setProperty);
    try (var out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      props.store(out, "written by " + LocalKafka.class.getName());
    }
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(log4j, LOG4J2, StandardCharsets.UTF_8);
    Path log = dir.resolve("broker.log");

    List<String> classPath = List.of(ModulePaths.kafkaLib().resolve("*").toString());
    List<String> jvm = List.of("-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + log4j.toUri());

    // format the storage with a new cluster id; a static quorum (controller.quorum.voters), so no --standalone
    try (ChildProcess format = ChildProcess.start("kafka storage format", jvm, classPath,
        "kafka.tools.StorageTool",
        List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), dir, log)) {
      int code = format.awaitExit(60, TimeUnit.SECONDS);
      if (code != 0) {
        throw new IllegalStateException("formatting Kafka storage failed (exit " + code + "):\n" + format.logTail(30));
      }
    }

    ChildProcess broker = ChildProcess.start("kafka broker", jvm, classPath, "kafka.Kafka",
        List.of(config.toString()), dir, log);
    String bootstrap = "127.0.0.1:" + port;
    try {
      awaitReady(broker, bootstrap, b.startupTimeout);
    } catch (RuntimeException | InterruptedException e) {
      broker.close();
      if (e instanceof RuntimeException && FreePorts.lostItsPort(broker)) {
        throw new PortTaken(broker.logTail(40));
      }
      if (ownsDir) {
        deleteRecursively(dir);
      }
      throw e;
    }
    return new LocalKafka(broker, bootstrap, dir, ownsDir);
  }

  static Properties serverProperties(int port, int controllerPort, Path dataDir) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", dataDir.toString());
    // one node: every internal topic has one replica, and transactions need min ISR 1 to work
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    // few partitions for internal topics: they are created on first use, in the middle of a test
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("num.partitions", "1");
    // keep everything: tests and demos write records with made-up (often 1970) timestamps, which time-based
    // retention would delete at its next check (every 5 minutes), offsets and all
    p.setProperty("log.retention.ms", "-1");
    return p;
  }

  private static void awaitReady(ChildProcess broker, String bootstrap, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Object> props = Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 50,
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!broker.isAlive()) {
          throw new IllegalStateException("the Kafka broker exited during start-up:\n" + broker.logTail(40));
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | TimeoutException e) {
          // not listening yet
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the Kafka broker " + broker + " did not answer within " + timeout
              + ":\n" + broker.logTail(40));
        }
        LockSupport.parkNanos(50_000_000L); // between attempts that failed fast (connection refused)
      }
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }

  private static final String LOG4J2 = """
      # written by io.rivulet.kafka.local.LocalKafka: broker logs go to broker.log through standard output
      appender.out.type = Console
      appender.out.name = out
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p [%c{1}] %m%n
      rootLogger.level = INFO
      rootLogger.appenderRef.out.ref = out
      logger.kafka.name = kafka
      logger.kafka.level = INFO
      logger.apache.name = org.apache.kafka
      logger.apache.level = WARN
      logger.state.name = state.change.logger
      logger.state.level = WARN
      """;

  /**
   * Starts a broker and keeps it running until this JVM is terminated. Arguments: {@code --port N} (default:
   * a free port), {@code --dir D} (default: a temporary directory). Prints
   * {@code bootstrap.servers=host:port} on standard output once the broker answers.
   */
  public static void main(String[] args) throws InterruptedException {
    Builder b = builder();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> b.port(Integer.parseInt(value(args, ++i, "--port")));
        case "--dir" -> b.dir(Path.of(value(args, ++i, "--dir")));
        default -> {
          System.err.println("unknown argument " + args[i] + "; usage: LocalKafka [--port N] [--dir D]");
          System.exit(2);
        }
      }
    }
    LocalKafka kafka = b.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "local-kafka-stop"));
    System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
    System.out.flush();
    stopped.await();
  }

  static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      System.err.println(option + " needs a value");
      System.exit(2);
    }
    return args[i];
  }
}
