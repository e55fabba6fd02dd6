package io.rivulet.controlplane.spec;

import io.rivulet.api.graph.OperatorSpec;
import io.rivulet.builtins.records.RecordType;
import java.util.List;

/**
 * A node type of declarative job specs ({@code "type": "map"}). Each built-in is one small CDI bean; the
 * {@link BuiltInRegistry} finds them all, so adding one (a Kafka source, say) is adding one class.
 */
public interface BuiltIn {

  /** Sources start pipelines, operators transform, sinks end them. */
  enum Role {
    SOURCE,
    OPERATOR,
    SINK
  }

  /** The {@code type} in the spec, e.g. {@code "sequence-source"}. */
  String type();

  Role role();

  /** One line for the list of known types and the OpenAPI docs. */
  String description();

  List<ParamDef> params();

  /** True for operators that work per key and so need a keyed input ({@code keyBy}). */
  default boolean needsKeyedInput() {
    return false;
  }

  /**
   * Makes the operator for one node whose params have been checked against {@link #params()}.
   *
   * @throws SpecError naming the offending field (e.g. through {@link BuildContext#error})
   */
  Built build(BuildContext context);

  /**
   * What a node becomes.
   *
   * @param output the type of record it emits; null for sinks
   */
  record Built(OperatorSpec spec, RecordType<?> output) {}
}
