package io.rivulet.controlplane.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.api.graph.JobEdge;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.Partitioning;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.builtins.functions.FifoCheck;
import io.rivulet.builtins.functions.PerSubtask;
import io.rivulet.builtins.functions.TumblingCount;
import io.rivulet.builtins.records.KeySummary;
import io.rivulet.builtins.records.SeqEvent;
import io.rivulet.builtins.records.WindowCount;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.spec.builtins.DiscardSink;
import io.rivulet.controlplane.spec.builtins.FifoCheckOperator;
import io.rivulet.controlplane.spec.builtins.KeyBy;
import io.rivulet.controlplane.spec.builtins.KeyedSequenceSource;
import io.rivulet.controlplane.spec.builtins.TumblingCountWindow;
import io.rivulet.runtime.operators.KeyedProcessOperator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyed built-ins: their functions on an in-memory driver, and the graphs their specs compile to. */
class KeyedBuiltInsTest {
  private final SpecCompiler specs = new SpecCompiler(new BuiltInRegistry(List.of(new KeyedSequenceSource(),
      new FifoCheckOperator(), new TumblingCountWindow(), new KeyBy(), new DiscardSink())), new ObjectMapper(),
      new JobDefaults(null));

  @Test
  void fifoCheckCountsOrderViolationsPerKeyAndReportsAtTheEnd() throws Exception {
    KeyedFunctionDriver<SeqEvent, KeySummary> d = new KeyedFunctionDriver<>(new FifoCheck(-1), 0);
    d.process(0, new SeqEvent(0, 0));
    d.process(1, new SeqEvent(1, 0));
    d.process(0, new SeqEvent(0, 1));
    d.process(1, new SeqEvent(1, 2)); // 1 skipped: one violation
    assertThat(d.process(0, new SeqEvent(0, 2))).isEmpty();
    assertThat(d.endOfInput()).containsExactly(new KeySummary(0, 3, 0, 2), new KeySummary(1, 2, 1, 2));
  }

  @Test
  void fifoCheckFailsOnPurposeOnlyInTheFirstAttempt() throws Exception {
    KeyedFunctionDriver<SeqEvent, KeySummary> first = new KeyedFunctionDriver<>(new FifoCheck(1), 0);
    first.process(0, new SeqEvent(0, 0));
    assertThatThrownBy(() -> first.process(0, new SeqEvent(0, 1))).isInstanceOf(FifoCheck.InjectedFailure.class)
        .hasMessageContaining("sequence number 1 of key 0");
    KeyedFunctionDriver<SeqEvent, KeySummary> restarted = new KeyedFunctionDriver<>(new FifoCheck(1), 1);
    restarted.process(0, new SeqEvent(0, 0));
    restarted.process(0, new SeqEvent(0, 1));
    assertThat(restarted.endOfInput()).containsExactly(new KeySummary(0, 2, 0, 1));
  }

  @Test
  void tumblingCountEmitsEveryFullWindowPerKey() throws Exception {
    KeyedFunctionDriver<Object, WindowCount> d = new KeyedFunctionDriver<>(new TumblingCount<>(3), 0);
    for (int i = 0; i < 7; i++) {
      d.process(5, "x");
      d.process(6, "y");
    }
    assertThat(d.endOfInput()).containsExactly(new WindowCount(5, 0, 3), new WindowCount(6, 0, 3),
        new WindowCount(5, 1, 3), new WindowCount(6, 1, 3)); // the partial third windows are not emitted
  }

  @Test
  void keyedOperatorsGetAHashEdgeAKeyAndAFreshFunctionPerSubtask() {
    JobGraph g = specs.compile("""
        {"name": "fifo", "parallelism": 2, "checkpointInterval": "1s", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 100}},
          {"id": "check", "type": "fifo-check", "input": "src", "keyBy": "key"},
          {"id": "out", "type": "discard-sink", "input": "check"}]}
        """).graph();
    assertThat(g.jobName()).isEqualTo("fifo");
    assertThat(g.config().checkpointIntervalMillis()).isEqualTo(1000);
    assertThat(g.vertices()).hasSize(2);
    JobEdge edge = g.edges().get(0);
    assertThat(edge.partitioning()).isEqualTo(Partitioning.HASH);
    StreamNode check = g.vertices().get(1).head();
    assertThat(check.uid()).isEqualTo("check");
    assertThat(check.isKeyed()).isTrue();
    assertThat(check.parallelism()).isEqualTo(2);
    OperatorSpec.CustomOp op = (OperatorSpec.CustomOp) check.spec();
    PerSubtask<?, ?, ?> factory = (PerSubtask<?, ?, ?>) op.factory();
    assertThat(factory.create()).isInstanceOf(KeyedProcessOperator.class).isNotSameAs(factory.create());
  }

  @Test
  void aKeyByNodeKeysTheNodesAfterIt() {
    JobGraph g = specs.compile("""
        {"nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 4, "records": 100}},
          {"id": "k", "type": "key-by", "input": "src", "params": {"field": "seq"}},
          {"id": "w", "type": "tumbling-count", "input": "k", "params": {"size": 10}},
          {"id": "out", "type": "discard-sink", "input": "k"}]}
        """).graph();
    assertThat(g.edges()).extracting(JobEdge::partitioning).containsOnly(Partitioning.HASH);
    assertThat(g.vertices()).extracting(v -> v.head().uid()).containsExactly("src", "w", "out");
    assertThat(g.vertices().get(1).head().isKeyed()).isTrue();
    assertThat(g.vertices().get(2).head().isKeyed()).isFalse(); // a sink after key-by is only partitioned
  }
}
