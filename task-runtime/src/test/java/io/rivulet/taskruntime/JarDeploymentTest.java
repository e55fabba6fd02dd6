package io.rivulet.taskruntime;

import static io.rivulet.taskruntime.RuntimeFixture.LONG_ENOUGH;
import static io.rivulet.taskruntime.RuntimeFixture.awaitEnded;
import static io.rivulet.taskruntime.RuntimeFixture.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.CollectSink;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.serialization.Types;
import io.rivulet.proto.control.Ack;
import io.rivulet.proto.control.DeployRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs shipped as JARs: fetched over HTTP from a server the test runs, checked against their SHA-256, loaded in
 * their own class loader. Two JARs hold a class {@code demo.Transform} each, with different behaviour; neither
 * class is on the runtime's class path.
 */
class JarDeploymentTest {
  @TempDir Path work;
  private RuntimeFixture fixture;
  private TaskRuntimeNode node;
  private HttpServer http;
  private final Map<String, Path> served = new ConcurrentHashMap<>();
  private final Map<String, Integer> downloads = new ConcurrentHashMap<>();
  private final List<URLClassLoader> clientLoaders = new ArrayList<>();
  private Path upperJar;
  private Path reverseJar;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(work.resolve("jars"));
    upperJar = TestJars.build(work.resolve("jars/upper.jar"), TestJars.transform("\"upper:\" + s.toUpperCase()"));
    reverseJar = TestJars.build(work.resolve("jars/reverse.jar"),
        TestJars.transform("\"reverse:\" + new StringBuilder(s).reverse()"));
    served.put("upper.jar", upperJar);
    served.put("reverse.jar", reverseJar);
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/jars/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/jars/".length());
      Path file = served.get(name);
      if (file == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        downloads.merge(name, 1, Integer::sum);
        byte[] bytes = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      exchange.close();
    });
    http.start();
    fixture = new RuntimeFixture(work.resolve("runtimes"));
    node = fixture.registeredNode("A");
  }

  @AfterEach
  void stop() throws IOException {
    fixture.close();
    http.stop(0);
    for (URLClassLoader l : clientLoaders) {
      l.close();
    }
  }

  private String url(String name) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/jars/" + name;
  }

  /** Builds the job as its client would: with the JAR's classes loaded on the client side. */
  @SuppressWarnings("unchecked")
  private JobGraph transformJob(Path jar, CollectSink<String> sink) throws Exception {
    URLClassLoader client = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
    clientLoaders.add(client);
    MapFunction<String, String> fn = (MapFunction<String, String>) client.loadClass("demo.Transform")
        .getConstructor().newInstance();
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.fromCollection(List.of("ab", "cd"), Types.STRING).map(fn, Types.STRING).sinkTo(sink);
    return env.jobGraph("transform");
  }

  private Path runtimeJarDirectory() {
    return node.settings().workDir().resolve("jars");
  }

  private List<Path> jarsOnRuntime() throws IOException {
    try (Stream<Path> files = Files.list(runtimeJarDirectory())) {
      return files.toList();
    }
  }

  @Test
  void theTestClassPathDoesNotHaveTheJobClass() {
    assertThatThrownBy(() -> Class.forName("demo.Transform")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void twoJobsWithTheSameClassNameButDifferentBehaviourRunSideBySide() throws Exception {
    CollectSink<String> upperOut = new CollectSink<>();
    CollectSink<String> reverseOut = new CollectSink<>();
    fixture.deploy(new DeployPlan(transformJob(upperJar, upperOut), "job-upper")
        .jar(url("upper.jar"), TestJars.sha256(upperJar)).on(node));
    fixture.deploy(new DeployPlan(transformJob(reverseJar, reverseOut), "job-reverse")
        .jar(url("reverse.jar"), TestJars.sha256(reverseJar)).on(node));

    await().atMost(LONG_ENOUGH).until(() -> fixture.controlPlane.subtasksIn("job-upper", 0, "INPUT_ENDED") == 1
        && fixture.controlPlane.subtasksIn("job-reverse", 0, "INPUT_ENDED") == 1);
    assertThat(node.classLoaders().cached()).as("both jobs' class loaders live at once").isEqualTo(2);
    assertThat(fixture.controlPlane.runtime("A").notifyJobFinished(ref("job-upper")).getOk()).isTrue();
    assertThat(fixture.controlPlane.runtime("A").notifyJobFinished(ref("job-reverse")).getOk()).isTrue();

    await().atMost(LONG_ENOUGH).until(() -> CollectSink.results(upperOut.id()).size() == 2
        && CollectSink.results(reverseOut.id()).size() == 2);
    assertThat(CollectSink.<String>results(upperOut.id())).containsExactly("upper:AB", "upper:CD");
    assertThat(CollectSink.<String>results(reverseOut.id())).containsExactly("reverse:ba", "reverse:dc");
    CollectSink.release(upperOut.id());
    CollectSink.release(reverseOut.id());

    awaitEnded(node);
    assertThat(node.classLoaders().cached()).as("released with the jobs' last tasks").isZero();
    assertThat(jarsOnRuntime()).isEmpty();
    assertThat(downloads).containsEntry("upper.jar", 1).containsEntry("reverse.jar", 1);
  }

  @Test
  void jobsOfTheSameJarShareOneDownloadAndOneClassLoader() throws Exception {
    CollectSink<String> first = new CollectSink<>();
    CollectSink<String> second = new CollectSink<>();
    String sha = TestJars.sha256(upperJar);
    fixture.deploy(new DeployPlan(transformJob(upperJar, first), "job-1").jar(url("upper.jar"), sha).on(node));
    fixture.deploy(new DeployPlan(transformJob(upperJar, second), "job-2").jar(url("upper.jar"), sha).on(node));
    await().atMost(LONG_ENOUGH).until(() -> fixture.controlPlane.subtasksIn("job-1", 0, "INPUT_ENDED") == 1
        && fixture.controlPlane.subtasksIn("job-2", 0, "INPUT_ENDED") == 1);
    assertThat(node.classLoaders().cached()).isEqualTo(1);
    assertThat(downloads).containsEntry("upper.jar", 1);

    fixture.controlPlane.runtime("A").notifyJobFinished(ref("job-1"));
    await().atMost(LONG_ENOUGH).until(() -> node.deployments().attempts().size() == 1);
    assertThat(node.classLoaders().cached()).as("job-2 still uses it").isEqualTo(1);
    fixture.controlPlane.runtime("A").notifyJobFinished(ref("job-2"));
    awaitEnded(node);
    assertThat(node.classLoaders().cached()).isZero();
    assertThat(CollectSink.<String>results(second.id())).containsExactly("upper:AB", "upper:CD");
    CollectSink.release(first.id());
    CollectSink.release(second.id());
  }

  @Test
  void aJarWithAnotherChecksumIsRefusedAndNothingIsDeployed() throws Exception {
    CollectSink<String> out = new CollectSink<>();
    DeployRequest request = new DeployPlan(transformJob(upperJar, out), "job-tampered")
        .jar(url("upper.jar"), TestJars.sha256(reverseJar)).on(node).requests().get(node);
    Ack ack = fixture.controlPlane.runtime("A").deploy(request);
    assertThat(ack.getOk()).isFalse();
    assertThat(ack.getMessage()).contains("checksum").contains(TestJars.sha256(upperJar));
    assertThat(node.deployments().attempts()).isEmpty();
    assertThat(node.classLoaders().cached()).isZero();
    assertThat(jarsOnRuntime()).as("the download is deleted").isEmpty();
    assertThat(fixture.controlPlane.states).isEmpty();
    CollectSink.release(out.id());
  }

  @Test
  void aJarThatCannotBeFetchedIsRefused() throws Exception {
    CollectSink<String> out = new CollectSink<>();
    DeployRequest request = new DeployPlan(transformJob(upperJar, out), "job-missing")
        .jar(url("missing.jar"), TestJars.sha256(upperJar)).on(node).requests().get(node);
    Ack ack = fixture.controlPlane.runtime("A").deploy(request);
    assertThat(ack.getOk()).isFalse();
    assertThat(ack.getMessage()).contains("HTTP 404");
    assertThat(node.deployments().attempts()).isEmpty();
    assertThat(jarsOnRuntime()).isEmpty();
    CollectSink.release(out.id());
  }
}
