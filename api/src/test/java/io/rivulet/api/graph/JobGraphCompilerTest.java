package io.rivulet.api.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.api.JobExecutor;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.JobConfig;
import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.serialization.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad graphs fail when the graph is built, with a message that names the node and the fix. */
class JobGraphCompilerTest {
  private final JobExecutor noRun = job -> {
    throw new AssertionError("must not run");
  };

  private StreamEnvironment env() {
    return StreamEnvironment.create(noRun);
  }

  @Test
  void chainsForwardOperatorsAndSplitsAtExchanges() {
    StreamEnvironment env = env();
    env.setParallelism(2);
    env.fromSequence(0, 9).map(x -> x + 1).returns(Types.LONG).filter(x -> x > 2)
        .keyBy(x -> x % 3, Types.LONG).reduce(Long::sum).name("sum")
        .sinkTo(new DiscardingSink<>());
    JobGraph g = env.jobGraph("j");
    assertThat(g.vertices()).hasSize(2);
    assertThat(g.vertices().get(0).operators()).extracting(StreamNode::name)
        .containsExactly("Sequence", "Map", "Filter");
    assertThat(g.vertices().get(1).operators()).extracting(StreamNode::name).containsExactly("sum", "Discard");
    assertThat(g.edges()).singleElement().satisfies(e -> {
      assertThat(e.partitioning()).isEqualTo(Partitioning.HASH);
      assertThat(e.exchange()).isEqualTo(Exchange.DIRECT);
      assertThat(e.type()).isEqualTo(Types.LONG);
    });
  }

  @Test
  void differentParallelismRebalancesByDefault() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).parallelism(1).map(x -> x).returns(Types.LONG).parallelism(3)
        .sinkTo(new DiscardingSink<>()).parallelism(3);
    JobGraph g = env.jobGraph("j");
    assertThat(g.edges()).singleElement().extracting(JobEdge::partitioning).isEqualTo(Partitioning.REBALANCE);
  }

  @Test
  void missingSerializerOnAnExchangeNamesTheOperatorAndTheFix() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).map(x -> "s" + x).rebalance().sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("'Map'")
        .hasMessageContaining("needs a serializer")
        .hasMessageContaining(".returns(");
  }

  @Test
  void missingSerializerIsFineWhenRecordsStayInTheChain() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).map(x -> "s" + x).filter(s -> !s.isEmpty()).sinkTo(new DiscardingSink<>());
    assertThat(env.jobGraph("j").vertices()).hasSize(1);
  }

  @Test
  void parallelismAboveMaxParallelismIsRefused() {
    StreamEnvironment env = env();
    env.setMaxParallelism(4);
    env.fromSequence(0, 9).parallelism(8).sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("parallelism 8")
        .hasMessageContaining("max parallelism 4");
  }

  @Test
  void jobWithoutSinkIsRefused() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).map(x -> x);
    assertThatThrownBy(() -> env.jobGraph("nosink"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("has no sink");
  }

  @Test
  void keyedOperatorNeedsAKeySerializer() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).keyBy(x -> x % 2, null).reduce(Long::sum).sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("key type has no serializer");
  }

  @Test
  void forwardEdgeWithDifferentParallelismIsRefused() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9).parallelism(2).forward().map(x -> x).returns(Types.LONG).parallelism(3)
        .sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("forward edge")
        .hasMessageContaining("rebalance()");
  }

  @Test
  void cycleIsRefusedNamingTheNodesOnIt() {
    // the fluent API cannot build a cycle; a declarative spec can, through the StreamGraph
    StreamGraph g = new StreamGraph("cyclic", new JobConfig());
    g.addNode(node(1, "source", new OperatorSpec.SourceOp(null, null), 0));
    g.addNode(node(2, "a", new OperatorSpec.MapOp(x -> x), 1));
    g.addNode(node(3, "b", new OperatorSpec.MapOp(x -> x), 1));
    g.addNode(node(4, "sink", new OperatorSpec.SinkOp(new DiscardingSink<>()), 1));
    g.addEdge(new StreamEdge(1, 2, 0, null, null, null, null));
    g.addEdge(new StreamEdge(2, 3, 0, null, null, null, null));
    g.addEdge(new StreamEdge(3, 2, 0, null, null, null, null));
    g.addEdge(new StreamEdge(3, 4, 0, null, null, null, null));
    assertThatThrownBy(() -> JobGraphCompiler.compile(g))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("cycle")
        .hasMessageContaining("'a'")
        .hasMessageContaining("'b'");
  }

  @Test
  void unionFeedsOneInputFromSeveralStreams() {
    StreamEnvironment env = env();
    var a = env.fromSequence(0, 9);
    var b = env.fromSequence(10, 19);
    a.union(b).map(x -> x).returns(Types.LONG).sinkTo(new DiscardingSink<>());
    JobGraph g = env.jobGraph("j");
    assertThat(g.edges()).hasSize(2);
    assertThat(g.edges()).allSatisfy(e -> assertThat(e.targetInput()).isZero());
  }

  private static StreamNode node(int id, String name, OperatorSpec spec, int inputs) {
    return new StreamNode(id, name, name, 1, spec, Types.LONG, inputs, null, null, true, false);
  }

  @Test
  void functionThatCannotBeSerializedIsRefusedNamingTheOperator() {
    StreamEnvironment env = env();
    Object notSerializable = new Object();
    env.fromSequence(0, 9).map(x -> x + notSerializable.hashCode()).returns(Types.LONG).name("captures")
        .sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("'captures'")
        .hasMessageContaining("java.lang.Object is not Serializable");
  }

  @Test
  void windowOverANonKeyedStreamIsRefusedWithParallelismAboveOne() {
    StreamEnvironment env = env();
    env.fromSequence(0, 9)
        .windowAll(io.rivulet.api.windowing.TumblingEventTimeWindows.of(java.time.Duration.ofSeconds(1)))
        .reduce(Long::sum).parallelism(4)
        .sinkTo(new DiscardingSink<>());
    assertThatThrownBy(() -> env.jobGraph("j"))
        .isInstanceOf(GraphValidationException.class)
        .hasMessageContaining("windowAll")
        .hasMessageContaining("parallelism must be 1, was 4")
        .hasMessageContaining("keyBy(...).window(...)");
  }

  @Test
  void windowAllDefaultsToOneSubtask() {
    StreamEnvironment env = env();
    env.setParallelism(4);
    env.fromSequence(0, 9)
        .windowAll(io.rivulet.api.windowing.TumblingEventTimeWindows.of(java.time.Duration.ofSeconds(1)))
        .reduce(Long::sum).sinkTo(new DiscardingSink<>()).parallelism(1);
    JobGraph g = env.jobGraph("j");
    assertThat(g.vertices()).filteredOn(v -> v.head().name().startsWith("WindowAll"))
        .singleElement().extracting(JobVertex::parallelism).isEqualTo(1);
  }

  @Test
  void listsAllNodes() {
    StreamEnvironment env = env();
    env.fromElements(1L, 2L).print();
    assertThat(env.streamGraph("j").nodes()).extracting(StreamNode::name).containsExactlyElementsOf(
        List.of("Elements", "Print"));
  }
}
