package io.rivulet.api.serialization;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks Rivulet's annotation processor ({@code rivulet-codegen}) to generate a {@link TypeSerializer} for
 * this record or POJO at compile time. {@link Types#of(Class)} then finds it without reflection on the
 * hot path.
 *
 * <p>What can be annotated: a record, or a class with a public no-argument constructor whose non-static,
 * non-transient fields are public or have public getters and setters. Field types: primitives and their
 * boxes, String, byte[], long[], int[], double[], String[], enums, other {@code @GenerateSerializer} types,
 * and List/Set/Map of these. Reference fields may be null.
 *
 * <p>The generated class sits in the type's package and is named after the type's nesting chain joined by
 * {@code _} plus {@code _RivuletSerializer}: {@code pkg.Outer.Inner} → {@code pkg.Outer_Inner_RivuletSerializer}.
 * It has a {@code public static final INSTANCE}. The annotation is kept at run time because
 * {@link Types#of(Class)} looks for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GenerateSerializer {}
