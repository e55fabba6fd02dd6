package io.rivulet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.api.graph.OperatorTransformation;
import io.rivulet.api.serialization.Types;
import io.rivulet.api.windowing.GlobalWindows;
import io.rivulet.api.windowing.PurgingTrigger;
import java.util.List;
import org.junit.jupiter.api.Test;

class CountWindowTest {

  @Test
  void countWindowIsAGlobalWindowWithAPurgingCountTrigger() {
    StreamEnvironment env = StreamEnvironment.create(job -> {
      throw new AssertionError("not executed");
    });
    DataStream<Long> sums = env.fromCollection(List.of(1L, 2L, 3L), Types.LONG)
        .keyBy(v -> v % 2, Types.LONG)
        .countWindow(3)
        .reduce(Long::sum);
    OperatorSpec.WindowOp spec = (OperatorSpec.WindowOp) ((OperatorTransformation<Long>) sums.transformation()).spec();
    assertThat(spec.assigner()).isInstanceOf(GlobalWindows.class);
    assertThat(spec.trigger()).isInstanceOf(PurgingTrigger.class);
    assertThat(spec.trigger()).hasToString("PurgingTrigger(CountTrigger(3))");
    assertThat(spec.contents()).isInstanceOf(OperatorSpec.ReduceContents.class);
    assertThat(spec.allowedLatenessMillis()).isZero();
  }
}
