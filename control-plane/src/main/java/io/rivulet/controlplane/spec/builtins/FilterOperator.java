package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.functions.FilterFunction;
import io.rivulet.api.functions.KeySelector;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.controlplane.spec.Params;
import io.rivulet.builtins.functions.GreaterThan;
import io.rivulet.builtins.functions.ModuloEquals;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code filter}: keeps the records for which a named function of one of their fields holds:
 * {@code modulo-equals} (modulus, remainder) or {@code greater-than} (value). The field defaults to
 * {@code value}, the field of number records.
 */
@Singleton
public final class FilterOperator implements BuiltIn {
  @Override
  public String type() {
    return "filter";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String description() {
    return "keeps records (of any type) whose field passes function modulo-equals(modulus, remainder) or greater-than(value)";
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.required("function", ParamType.STRING, "modulo-equals or greater-than"),
        ParamDef.optional("field", ParamType.STRING, "the field to test; default: value"),
        ParamDef.optional("modulus", ParamType.INTEGER, "of modulo-equals"),
        ParamDef.optional("remainder", ParamType.INTEGER, "of modulo-equals"),
        ParamDef.optional("value", ParamType.INTEGER, "of greater-than"));
  }

  @Override
  public Built build(BuildContext ctx) {
    Params p = ctx.params();
    String fieldName = p.getString("field", "value");
    KeySelector<Object, Long> field = field(ctx, fieldName);
    NamedFunctions<FilterFunction<Object>> functions = new NamedFunctions<FilterFunction<Object>>()
        .add("modulo-equals", List.of("modulus", "remainder"), q -> {
          long modulus = q.getLong("modulus", 1);
          long remainder = q.getLong("remainder", 0);
          q.require(modulus > 0, "modulus", "must be positive, was " + modulus);
          q.require(remainder >= 0 && remainder < modulus, "remainder", "must be in [0, modulus), was " + remainder);
          return new ModuloEquals<>(field, modulus, remainder);
        })
        .add("greater-than", List.of("value"), q -> new GreaterThan<>(field, q.getLong("value", 0)));
    FilterFunction<Object> f = functions.create(p.getString("function", ""), p, "field");
    return new Built(new OperatorSpec.FilterOp(f), ctx.input());
  }

  @SuppressWarnings("unchecked")
  private static KeySelector<Object, Long> field(BuildContext ctx, String name) {
    KeySelector<?, Long> f = ctx.input().field(name);
    if (f == null) {
      throw ctx.error("params.field", "'" + name + "' is not a field of " + ctx.input().name() + " (from '"
          + ctx.inputId() + "'); fields: " + ctx.input().fieldNames());
    }
    return (KeySelector<Object, Long>) f;
  }
}
