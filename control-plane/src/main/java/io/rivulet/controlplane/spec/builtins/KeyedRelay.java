package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.builtins.functions.Identity;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code keyed-relay}: hands on every record unchanged. It exists for the exchange in front of it: placed after a
 * {@code keyBy}, it makes the records of each key cross a keyed exchange (a task boundary) before the next node,
 * which may take them over another one — e.g. source → keyBy (direct) → relay → keyBy (durable) → check. An
 * operator without keyed state; the identity function allocates nothing per record.
 */
@Singleton
public final class KeyedRelay implements BuiltIn {
  public static final String TYPE = "keyed-relay";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String description() {
    return "any record -> the same record, unchanged; takes its input over a keyed exchange (\"keyBy\" or a key-by"
        + " input), e.g. to chain two keyed exchanges";
  }

  @Override
  public List<ParamDef> params() {
    return List.of();
  }

  @Override
  public Built build(BuildContext ctx) {
    if (ctx.keyField() == null) {
      throw ctx.error("keyBy", "'" + TYPE + "' relays records after a keyed exchange: set \"keyBy\" to a field of"
          + " its input (" + ctx.input().name() + ": " + ctx.input().fieldNames() + ") or take input from a key-by"
          + " node");
    }
    return new Built(new OperatorSpec.MapOp(new Identity<>()), ctx.input());
  }
}
