package io.rivulet.codegen.evolution.v2;

import io.rivulet.api.serialization.GenerateSerializer;

/** Version 2 adds a field with an initializer, which an absent field keeps. */
@GenerateSerializer
public class Wallet {
  public String owner;
  public long cents;
  public String currency = "EUR";
}
