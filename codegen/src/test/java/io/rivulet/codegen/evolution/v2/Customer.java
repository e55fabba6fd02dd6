package io.rivulet.codegen.evolution.v2;

import io.rivulet.api.serialization.GenerateSerializer;
import io.rivulet.codegen.evolution.Tier;
import java.util.List;

/** Version 2: {@code email} removed, {@code tags} and {@code visits} added, {@code since} moved up front. */
@GenerateSerializer
public record Customer(long since, String name, List<String> tags, int age, Tier tier, int visits) {}
