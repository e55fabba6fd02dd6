package io.rivulet.controlplane.spec;

import io.rivulet.builtins.records.RecordType;

/**
 * What a built-in knows while it builds one node.
 *
 * @param jobName the job's name (the spec's {@code name})
 * @param path the node's JSON path, e.g. {@code nodes[2]}
 * @param input the record type of its input; null for sources
 * @param inputId the id of the node its input comes from; null for sources
 * @param keyField the field the input is partitioned by ({@code keyBy} or a key-by input); null if it is not
 * @param parallelism the node's parallelism
 */
public record BuildContext(String jobName, String nodeId, String path, Params params, RecordType<?> input,
    String inputId, String keyField, int parallelism) {

  /** An error at {@code field} of this node (e.g. {@code "input"}, {@code "params.to"}). */
  public SpecError error(String field, String message) {
    return new SpecError(path + "." + field, message);
  }

  /** The input's record type, checked to be {@code expected}. */
  @SuppressWarnings("unchecked")
  public <T> RecordType<T> requireInput(RecordType<T> expected, String builtIn) {
    if (input != expected) {
      throw error("input", "'" + builtIn + "' takes " + expected.name() + " records, but '" + inputId + "' emits "
          + input.name());
    }
    return (RecordType<T>) input;
  }
}
