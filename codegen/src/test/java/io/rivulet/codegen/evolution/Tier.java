package io.rivulet.codegen.evolution;

/** Shared by both versions of Customer, so that the field's type signature stays the same. */
public enum Tier {
  FREE,
  PRO
}
