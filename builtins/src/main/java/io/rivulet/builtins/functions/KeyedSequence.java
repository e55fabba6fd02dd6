package io.rivulet.builtins.functions;

import io.rivulet.api.connector.GeneratorFunction;
import io.rivulet.builtins.records.SeqEvent;

/**
 * Record {@code i} of the keyed sequence source: key {@code i % keys}, sequence number {@code i / keys}. With
 * the generator's strided split and {@code keys} a multiple of the parallelism, all records of a key come from
 * one source subtask, in sequence order.
 */
public record KeyedSequence(int keys) implements GeneratorFunction<SeqEvent> {
  @Override
  public SeqEvent generate(long index) {
    return new SeqEvent(index % keys, index / keys);
  }
}
