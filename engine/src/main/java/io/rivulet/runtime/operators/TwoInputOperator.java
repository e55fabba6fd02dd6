package io.rivulet.runtime.operators;

/**
 * An operator with two inputs. Watermarks arrive per input through {@link #processWatermark1}/{@code 2};
 * the operator forwards the minimum ({@link AbstractOperator} does this).
 */
public interface TwoInputOperator<IN1, IN2, OUT> extends StreamOperator<OUT> {
  void processElement1(IN1 value, long timestamp) throws Exception;

  void processElement2(IN2 value, long timestamp) throws Exception;

  void processWatermark1(long watermark) throws Exception;

  void processWatermark2(long watermark) throws Exception;
}
