package io.rivulet.api.serialization;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks Rivulet's annotation processor ({@code rivulet-codegen}) to generate a {@link TypeSerializer} for
 * this record or POJO at compile time. {@link Types#of(Class)} then finds it without reflection on the
 * hot path.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GenerateSerializer {}
