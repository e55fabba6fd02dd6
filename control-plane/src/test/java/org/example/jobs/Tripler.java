package org.example.jobs;

import io.rivulet.api.functions.MapFunction;

/**
 * A function of a user's job JAR, outside Rivulet's packages: a graph that holds it is read only against a JAR that
 * has it (JarResourceTest packs one).
 */
public final class Tripler implements MapFunction<Long, Long> {
  @Override
  public Long map(Long value) {
    return value * 3;
  }
}
