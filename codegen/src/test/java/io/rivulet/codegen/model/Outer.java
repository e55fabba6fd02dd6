package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;

/** Holds a nested annotated type, generated as Outer_Inner_RivuletSerializer. */
public final class Outer {
  private Outer() {}

  @GenerateSerializer
  public record Inner(String label, long value) {}

  /** An unannotated record, for the missing-serializer message. */
  public record NotAnnotated(String label) {}
}
