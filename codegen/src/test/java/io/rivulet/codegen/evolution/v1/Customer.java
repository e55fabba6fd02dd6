package io.rivulet.codegen.evolution.v1;

import io.rivulet.api.serialization.GenerateSerializer;
import io.rivulet.codegen.evolution.Tier;

/** Version 1 of a state type; v2 drops {@code email} and adds {@code tags} and {@code visits}. */
@GenerateSerializer
public record Customer(String name, int age, String email, Tier tier, long since) {}
