package org.example.jobs;

import io.rivulet.api.functions.MapFunction;

/** A function of a user's job JAR (outside Rivulet's packages): the JAR built in JobGraphFilterTest holds it. */
public final class Doubler implements MapFunction<Long, Long> {
  @Override
  public Long map(Long value) {
    return value * 2;
  }
}
