package io.rivulet.codegen.model;

import io.rivulet.api.serialization.GenerateSerializer;

/** Only primitives: the generated serializer is immutable and copy returns its argument. */
@GenerateSerializer
public record Point(int x, int y) {}
