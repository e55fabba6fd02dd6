package io.rivulet.api.serialization;

import java.io.Serializable;

/**
 * One field of a generated serializer's byte layout, in write order.
 *
 * @param name the field (record component or POJO property) name
 * @param signature the declared type as rivulet-codegen spells it, e.g. {@code int} or
 *     {@code java.util.List<java.lang.String>}; a changed signature makes old data unreadable
 * @param serializer writes exactly the bytes the generated code writes for this field (primitives are
 *     inlined there, but the encoding is the same), so data in an old layout can be read field by field
 */
public record GeneratedField(String name, String signature, TypeSerializer<?> serializer) implements Serializable {}
