package io.rivulet.api;

import io.rivulet.api.graph.OperatorTransformation;

/** The end of a pipeline; lets you name the sink and set its parallelism. */
public final class DataStreamSink<T> {
  private final OperatorTransformation<T> transformation;

  DataStreamSink(OperatorTransformation<T> transformation) {
    this.transformation = transformation;
  }

  public DataStreamSink<T> name(String name) {
    transformation.setName(name);
    return this;
  }

  public DataStreamSink<T> uid(String uid) {
    transformation.setUid(uid);
    return this;
  }

  public DataStreamSink<T> parallelism(int parallelism) {
    transformation.setParallelism(parallelism);
    return this;
  }

  public DataStreamSink<T> disableChaining() {
    transformation.setChainable(false);
    return this;
  }
}
