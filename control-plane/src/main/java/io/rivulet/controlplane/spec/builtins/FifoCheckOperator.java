package io.rivulet.controlplane.spec.builtins;

import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import io.rivulet.builtins.functions.FifoCheck;
import io.rivulet.builtins.functions.PerSubtask;
import io.rivulet.builtins.records.RecordType;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code fifo-check}: per key, counts sequence numbers out of order; emits key-summary records at the end. */
@Singleton
public final class FifoCheckOperator implements BuiltIn {
  @Override
  public String type() {
    return "fifo-check";
  }

  @Override
  public Role role() {
    return Role.OPERATOR;
  }

  @Override
  public String description() {
    return "seq-event -> key-summary (key, records, violations, lastSeq) per key, emitted when the input ends";
  }

  @Override
  public boolean needsKeyedInput() {
    return true;
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.optional("failAtSeq", ParamType.INTEGER,
        "fail the first attempt on purpose at this sequence number, to show recovery; -1 (default): never"));
  }

  @Override
  public Built build(BuildContext ctx) {
    ctx.requireInput(RecordType.SEQ_EVENT, type());
    long failAtSeq = ctx.params().getLong("failAtSeq", -1);
    return new Built(PerSubtask.keyedProcess(new PerSubtask.FifoCheckFactory(failAtSeq)), RecordType.KEY_SUMMARY);
  }
}
