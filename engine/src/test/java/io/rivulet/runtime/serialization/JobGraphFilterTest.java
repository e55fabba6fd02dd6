package io.rivulet.runtime.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.api.serialization.Types;
import io.rivulet.runtime.taskexecutor.JobClassLoader;
import io.rivulet.schemas.bench.KeyedValue;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.management.BadAttributeValueExpException;
import org.example.gadgets.Gadget;
import org.example.jobs.Doubler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a Java-serialized job graph ({@link SerializedCopy#readJobGraph}) admits the graph model, plain JDK values
 * and the job's own classes, and refuses anything else before an instance of it exists.
 */
class JobGraphFilterTest {
  private static final ClassLoader APPLICATION = JobGraphFilterTest.class.getClassLoader();

  @TempDir
  Path dir;

  /** A job JAR with one class outside Rivulet's packages, loaded child-first as a task runtime loads a job's JAR. */
  private JobClassLoader jar;

  @BeforeEach
  void buildJar() throws Exception {
    Path file = dir.resolve("job.jar");
    String entry = Doubler.class.getName().replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      out.putNextEntry(new JarEntry(entry));
      try (var in = APPLICATION.getResourceAsStream(entry)) {
        in.transferTo(out);
      }
      out.closeEntry();
    }
    jar = new JobClassLoader("job", file, APPLICATION);
  }

  @AfterEach
  void closeJar() throws Exception {
    jar.close();
  }

  @Test
  void aGraphOfTheModelPlainJdkValuesAndLambdasIsRead() throws Exception {
    Map<String, Long> factors = new TreeMap<>(Comparator.reverseOrder());
    factors.put("a", 3L);
    java.util.PriorityQueue<Long> top = new java.util.PriorityQueue<>(Comparator.reverseOrder());
    top.add(9L);
    List<Object> values = new ArrayList<>(List.of(BigDecimal.ONE, Duration.ofSeconds(2), List.of(1, 2), "s", 'c',
        new long[] {4}, Map.of(1, true), top, new java.util.Random(7), java.util.regex.Pattern.compile("a+"),
        Thread.class, java.util.function.LongUnaryOperator.class, // types only named: not serializable, an interface
        new KeyedValue(1L, 2L, 3L), new org.apache.avro.util.Utf8("avro"))); // Avro records, Avro's strings
    JobGraph graph = graph(x -> x * factors.get("a") + values.size());

    // read as a task runtime of its own reads a job without a JAR: no class of the application is the job's
    JobGraph read = SerializedCopy.readJobGraph(SerializedCopy.serialize(graph), APPLICATION, null);

    assertThat(read.vertices()).hasSameSizeAs(graph.vertices());
    assertThat(mapFunction(read).map(5L)).as("the lambda and what it captured came through").isEqualTo(29L);
  }

  @Test
  void classesOfTheJobsJarAreReadAsTheJobsOwnButNotForAJobWithoutAJar() throws Exception {
    Object doubler = jar.loadClass(Doubler.class.getName()).getConstructor().newInstance();
    assertThat(doubler.getClass().getClassLoader()).as("defined by the JAR's loader").isSameAs(jar);
    @SuppressWarnings("unchecked")
    byte[] bytes = SerializedCopy.serialize(graph((MapFunction<Long, Long>) doubler));

    JobGraph read = SerializedCopy.readJobGraph(bytes, jar, jar);
    assertThat(mapFunction(read).getClass().getClassLoader()).isSameAs(jar);
    assertThat(mapFunction(read).map(21L)).isEqualTo(42L);

    assertThatThrownBy(() -> SerializedCopy.readJobGraph(bytes, jar, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("the job graph names class org.example.jobs.Doubler, which a job graph may not hold")
        .hasMessageContaining("and nothing else (the job has no JAR)");
  }

  @Test
  void aGadgetOnTheClassPathIsRefusedBeforeItIsRead() {
    Gadget gadget = new Gadget();
    byte[] bytes = SerializedCopy.serialize(graph(x -> gadget.applyAsLong(x)));
    int readBefore = Gadget.READ.get();

    assertThatThrownBy(() -> SerializedCopy.readJobGraph(bytes, jar, jar))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the job graph names class org.example.gadgets.Gadget, which a job graph may not hold: only"
            + " Rivulet's own classes (io.rivulet.*), plain JDK values and collections, Avro records, serializable"
            + " lambdas and the classes of the job's JAR are read. Keep other objects out of functions' fields (mark them transient"
            + " and create them in open())");
    assertThat(Gadget.READ.get()).as("its readObject never ran").isEqualTo(readBefore);

    // a graph built in this JVM without a JAR (an embedded run) may hold the application's own classes
    SerializedCopy.readJobGraph(bytes, APPLICATION, APPLICATION);
    assertThat(Gadget.READ.get()).isEqualTo(readBefore + 1);
  }

  @Test
  void jdkClassesBeyondPlainValuesAndProxiesAreRefused() throws Exception {
    URL url = new URL("http://example.invalid/");
    byte[] withUrl = SerializedCopy.serialize(graph(x -> x + url.getPort()));
    assertThatThrownBy(() -> SerializedCopy.readJobGraph(withUrl, jar, jar))
        .as("a URL resolves its host when hashed (a known gadget)")
        .hasMessageStartingWith("the job graph names class java.net.URL, which a job graph may not hold");
    BadAttributeValueExpException toStringOnRead = new BadAttributeValueExpException(1L);
    byte[] withException = SerializedCopy.serialize(graph(x -> x + toStringOnRead.hashCode()));
    assertThatThrownBy(() -> SerializedCopy.readJobGraph(withException, jar, jar))
        .hasMessageStartingWith("the job graph names class javax.management.BadAttributeValueExpException");

    @SuppressWarnings("unchecked")
    MapFunction<Long, Long> proxy = (MapFunction<Long, Long>) Proxy.newProxyInstance(APPLICATION,
        new Class<?>[] {MapFunction.class}, new IdentityHandler());
    byte[] withProxy = SerializedCopy.serialize(graph(proxy));
    assertThatThrownBy(() -> SerializedCopy.readJobGraph(withProxy, APPLICATION, APPLICATION))
        .hasMessageStartingWith("the job graph names class ")
        .hasMessageContaining("$Proxy");
  }

  @Test
  void bytesThatAreNotAJobGraphAreRefused() {
    assertThatThrownBy(() -> SerializedCopy.readJobGraph(SerializedCopy.serialize("a string"), jar, jar))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the bytes hold a java.lang.String, not a serialized io.rivulet.api.graph.JobGraph");
    assertThatThrownBy(() -> SerializedCopy.readJobGraph(new byte[] {1, 2, 3, 4}, jar, jar))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("cannot read the job graph: java.io.StreamCorruptedException");
  }

  /** An invocation handler of Rivulet's own (admitted): only the proxy class itself is refused. */
  static final class IdentityHandler implements InvocationHandler, Serializable {
    @Override
    public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) {
      return args == null ? null : args[0];
    }
  }

  private static JobGraph graph(MapFunction<Long, Long> function) {
    StreamEnvironment env = StreamEnvironment.create(g -> null);
    env.fromSequence(0, 9).map(function, Types.LONG).keyBy(x -> x % 2, Types.LONG).reduce(Long::sum)
        .sinkTo(new DiscardingSink<>());
    return env.jobGraph("filtered");
  }

  @SuppressWarnings("unchecked")
  private static MapFunction<Long, Long> mapFunction(JobGraph graph) {
    return graph.vertices().stream().flatMap(v -> v.operators().stream()).map(StreamNode::spec)
        .filter(s -> s instanceof OperatorSpec.MapOp).map(s -> (MapFunction<Long, Long>) ((OperatorSpec.MapOp) s)
            .function()).findFirst().orElseThrow();
  }
}
