package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;

/** Array fields and a nested mutable record: copy must be deep. */
@GenerateSerializer
public record Arrays(long[] longs, int[] ints, double[] doubles, String[] strings, Holder holder) {
  @GenerateSerializer
  public record Holder(java.util.List<Point> points) {}
}
