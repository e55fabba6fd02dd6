package io.rivulet.controlplane.spec.builtins;

import io.rivulet.api.connector.GeneratorSource;
import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.builtins.functions.KeyedSequence;
import io.rivulet.builtins.records.RecordType;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code keyed-sequence-source}: per-key sequence numbers (seq-event records: key, seq), as the FIFO example
 * makes them. Record i is (i % keys, i / keys); each key's records come from one subtask, in order, which is
 * why {@code keys} must be a multiple of the parallelism.
 */
@Singleton
public final class KeyedSequenceSource implements BuiltIn {
  @Override
  public String type() {
    return "keyed-sequence-source";
  }

  @Override
  public Role role() {
    return Role.SOURCE;
  }

  @Override
  public String description() {
    return "per-key sequence numbers as seq-event records (key, seq); bounded or unbounded, optionally rate-limited";
  }

  @Override
  public List<ParamDef> params() {
    List<ParamDef> params = new java.util.ArrayList<>(List.of(
        ParamDef.required("keys", ParamType.INTEGER, "number of keys, a multiple of the parallelism"),
        ParamDef.optional("records", ParamType.INTEGER, "total records over all keys; -1 (default) for unbounded"),
        ParamDef.optional("rate", ParamType.NUMBER, "records per second over all subtasks; 0 (default) for as fast as possible")));
    params.addAll(SourceHold.params());
    return List.copyOf(params);
  }

  @Override
  public Built build(BuildContext ctx) {
    int keys = ctx.params().getInt("keys", 1);
    long records = ctx.params().getLong("records", -1);
    double rate = ctx.params().getDouble("rate", 0);
    ctx.params().require(keys >= 1, "keys", "must be at least 1, was " + keys);
    ctx.params().require(keys % ctx.parallelism() == 0, "keys", "must be a multiple of the source's parallelism ("
        + ctx.parallelism() + ") so that each key's records come from one source subtask, was " + keys);
    ctx.params().require(records >= -1, "records", "must be -1 (unbounded) or at least 0, was " + records);
    ctx.params().require(rate >= 0, "rate", "must not be negative, was " + rate);
    GeneratorSource<?> source = SourceHold.apply(ctx, new GeneratorSource<>(new KeyedSequence(keys), records, rate,
        RecordType.SEQ_EVENT.serializer(), "Keyed sequence"), records);
    return new Built(new OperatorSpec.SourceOp(source, null), RecordType.SEQ_EVENT);
  }
}
