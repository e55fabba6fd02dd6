package io.rivulet.codegen.evolution.v3;

import io.rivulet.api.serialization.GenerateSerializer;
import io.rivulet.codegen.evolution.Tier;

/** Version 3: {@code age} changed from int to long, which old data cannot be read as. */
@GenerateSerializer
public record Customer(String name, long age, String email, Tier tier, long since) {}
