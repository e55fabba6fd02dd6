package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;

/** Immutable fields only, one of them a nullable box. */
@GenerateSerializer
public record Address(String street, String city, Integer zip) {}
