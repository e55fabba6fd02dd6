package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.connector.DiscardingSink;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code discard-sink}: drops every record (benchmarks, and jobs whose effect is their metrics). */
@Singleton
public final class DiscardSink implements BuiltIn {
  @Override
  public String type() {
    return "discard-sink";
  }

  @Override
  public Role role() {
    return Role.SINK;
  }

  @Override
  public String description() {
    return "drops every record";
  }

  @Override
  public List<ParamDef> params() {
    return List.of();
  }

  @Override
  public Built build(BuildContext ctx) {
    return new Built(new OperatorSpec.SinkOp(new DiscardingSink<>()), null);
  }
}
