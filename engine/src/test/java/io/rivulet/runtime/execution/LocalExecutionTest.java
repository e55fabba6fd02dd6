package io.rivulet.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.DataStream;
import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.serialization.Types;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LocalExecutionTest {

  @Test
  void chainedPipelineProducesEveryRecordOnce() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    List<Long> out = env.fromSequence(0, 9_999).map(x -> x * 2).returns(Types.LONG).filter(x -> x % 3 == 0)
        .executeAndCollect("chain");
    assertThat(out).containsExactlyElementsOf(
        LongStream.rangeClosed(0, 9_999).map(x -> x * 2).filter(x -> x % 3 == 0).boxed().toList());
  }

  @Test
  void rebalanceAcrossTasksLosesAndDuplicatesNothing() throws Exception {
    StreamEnvironment env = StreamEnvironment.getExecutionEnvironment();
    env.setParallelism(3);
    DataStream<Long> s = env.fromSequence(1, 100_000).rebalance().map(x -> x + 1).returns(Types.LONG);
    List<Long> out = s.executeAndCollect("shuffle");
    assertThat(out).hasSize(100_000);
    assertThat(out).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(2, 100_001).boxed().toList());
  }
}
