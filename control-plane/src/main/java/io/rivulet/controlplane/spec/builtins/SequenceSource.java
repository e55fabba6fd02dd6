package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.builtins.functions.Offset;
import io.rivulet.builtins.records.RecordType;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code sequence-source}: the numbers from..to (inclusive), split over the subtasks in contiguous ranges. */
@Singleton
public final class SequenceSource implements BuiltIn {
  @Override
  public String type() {
    return "sequence-source";
  }

  @Override
  public Role role() {
    return Role.SOURCE;
  }

  @Override
  public String description() {
    return "the numbers from..to (inclusive), as number records; bounded, optionally rate-limited";
  }

  @Override
  public List<ParamDef> params() {
    List<ParamDef> params = new java.util.ArrayList<>(List.of(
        ParamDef.required("from", ParamType.INTEGER, "first number"),
        ParamDef.required("to", ParamType.INTEGER, "last number, inclusive"),
        ParamDef.optional("rate", ParamType.NUMBER, "records per second over all subtasks; 0 (default) for as fast as possible")));
    params.addAll(SourceHold.params());
    return List.copyOf(params);
  }

  @Override
  public Built build(BuildContext ctx) {
    long from = ctx.params().getLong("from", 0);
    long to = ctx.params().getLong("to", 0);
    ctx.params().require(to >= from, "to", "must not be below from (" + from + "), was " + to);
    ctx.params().require(to - from < Long.MAX_VALUE, "to", "the range from..to is too large");
    double rate = ctx.params().getDouble("rate", 0);
    ctx.params().require(rate >= 0, "rate", "must not be negative, was " + rate);
    GeneratorSource<Long> source = SourceHold.apply(ctx, new GeneratorSource<>(new Offset(from), to - from + 1, rate,
        RecordType.NUMBER.serializer(), "Sequence", GeneratorSource.Split.RANGES), to - from + 1);
    return new Built(new OperatorSpec.SourceOp(source, null), RecordType.NUMBER);
  }
}
