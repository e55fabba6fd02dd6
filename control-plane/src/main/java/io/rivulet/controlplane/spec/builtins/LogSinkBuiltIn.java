package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.builtins.functions.LogSink;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code log-sink}: logs each record at INFO, by default to logger {@code rivulet.sink.<node id>}. */
@Singleton
public final class LogSinkBuiltIn implements BuiltIn {
  @Override
  public String type() {
    return "log-sink";
  }

  @Override
  public Role role() {
    return Role.SINK;
  }

  @Override
  public String description() {
    return "logs each record at INFO in the control plane's log";
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.optional("logger", ParamType.STRING, "logger name; default rivulet.sink.<node id>"));
  }

  @Override
  public Built build(BuildContext ctx) {
    return new Built(new OperatorSpec.SinkOp(new LogSink<>(ctx.params().getString("logger",
        "rivulet.sink." + ctx.nodeId()))), null);
  }
}
