package io.rivulet.api.functions;

/** Processing of two connected non-keyed streams; calls for both inputs come from one thread. */
public interface CoProcessFunction<I1, I2, O> extends UserFunction {

  void processElement1(I1 value, ProcessFunction.Context ctx, Collector<O> out) throws Exception;

  void processElement2(I2 value, ProcessFunction.Context ctx, Collector<O> out) throws Exception;
}
