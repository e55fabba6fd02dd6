package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.connector.PrintSink;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code print-sink}: prints each record to the control plane's standard output (or error). */
@Singleton
public final class PrintSinkBuiltIn implements BuiltIn {
  @Override
  public String type() {
    return "print-sink";
  }

  @Override
  public Role role() {
    return Role.SINK;
  }

  @Override
  public String description() {
    return "prints each record to standard output, prefixed with the subtask number";
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.optional("prefix", ParamType.STRING, "text before each line"),
        ParamDef.optional("stderr", ParamType.BOOLEAN, "print to standard error instead"));
  }

  @Override
  public Built build(BuildContext ctx) {
    return new Built(new OperatorSpec.SinkOp(new PrintSink<>(ctx.params().getString("prefix", ""),
        ctx.params().getBoolean("stderr", false))), null);
  }
}
