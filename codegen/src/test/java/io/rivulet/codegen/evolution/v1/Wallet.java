package io.rivulet.codegen.evolution.v1;

import io.rivulet.api.serialization.GenerateSerializer;

/** A POJO, version 1. */
@GenerateSerializer
public class Wallet {
  public String owner;
  public long cents;
}
