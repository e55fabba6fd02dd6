package io.rivulet.controlplane.spec.builtins;

import io.rivulet.controlplane.spec.BuildContext;
import io.rivulet.controlplane.spec.BuiltIn;
import io.rivulet.controlplane.spec.ParamDef;
import io.rivulet.controlplane.spec.ParamDef.ParamType;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code key-by}: partitions its input by a field, for the nodes that take it as input. Like Flink's
 * {@code keyBy} it is not an operator of its own but a property of the edges after it (hash partitioning and a
 * keyed downstream node), so the {@link io.rivulet.controlplane.spec.SpecCompiler} handles it; a node's
 * {@code "keyBy": "field"} is the short form.
 */
@Singleton
public final class KeyBy implements BuiltIn {
  public static final String TYPE = "key-by";

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
    return "partitions its input by a field so that the next nodes work per key (short form: \"keyBy\" on a node)";
  }

  @Override
  public List<ParamDef> params() {
    return List.of(ParamDef.required("field", ParamType.STRING, "the field to key by"));
  }

  @Override
  public Built build(BuildContext context) {
    throw new UnsupportedOperationException("key-by is resolved into edges by the spec compiler");
  }
}
