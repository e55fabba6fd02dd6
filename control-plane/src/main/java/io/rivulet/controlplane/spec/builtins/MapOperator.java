package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.functions.MapFunction;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.controlplane.spec.Params;
import io.rivulet.builtins.functions.Add;
import io.rivulet.builtins.functions.Multiply;
import io.rivulet.builtins.records.RecordType;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code map}: a named function over number records: {@code multiply} (by) or {@code add} (value). */
@Singleton
public final class MapOperator implements BuiltIn {
  private static final NamedFunctions<MapFunction<Long, Long>> FUNCTIONS = new NamedFunctions<MapFunction<Long, Long>>()
      .add("multiply", List.of("by"), p -> new Multiply(p.getLong("by", 1)))
      .add("add", List.of("value"), p -> new Add(p.getLong("value", 0)));

  @Override
  public String type() {
    return "map";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String description() {
    return "number -> number with function " + FUNCTIONS.describe();
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.required("function", ParamType.STRING, "one of " + FUNCTIONS.names()),
        ParamDef.optional("by", ParamType.INTEGER, "factor of multiply"),
        ParamDef.optional("value", ParamType.INTEGER, "addend of add"));
  }

  @Override
  public Built build(BuildContext ctx) {
    ctx.requireInput(RecordType.NUMBER, type());
    Params p = ctx.params();
    MapFunction<Long, Long> f = FUNCTIONS.create(p.getString("function", ""), p);
    return new Built(new OperatorSpec.MapOp(f), RecordType.NUMBER);
  }
}
