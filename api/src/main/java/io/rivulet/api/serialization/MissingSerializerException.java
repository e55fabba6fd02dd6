package io.rivulet.api.serialization;

/** Thrown at graph build time when a type that must be serialized has no serializer. */
public class MissingSerializerException extends IllegalArgumentException {
  public MissingSerializerException(String message) {
    super(message);
  }
}
