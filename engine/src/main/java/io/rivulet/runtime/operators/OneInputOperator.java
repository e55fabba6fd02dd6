package io.rivulet.runtime.operators;

/** An operator with one input. */
public interface OneInputOperator<IN, OUT> extends StreamOperator<OUT> {
  /** @param timestamp the record's event time, or {@link Output#NO_TIMESTAMP} */
  void processElement(IN value, long timestamp) throws Exception;
}
