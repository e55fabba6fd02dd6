package io.rivulet.api.functions;

/**
 * Extracts the key of a record for {@code keyBy}. Must be deterministic: the same record must give an
 * equal key (with a stable {@code hashCode}) in every JVM, or records and state end up in different places.
 */
@FunctionalInterface
public interface KeySelector<T, K> extends UserFunction {
  K getKey(T value) throws Exception;
}
