package io.rivulet.runtime.state;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** A snapshot kept in memory. */
public record ByteStateHandle(byte[] data) implements StreamStateHandle {
  @Override
  public InputStream open() {
    return new ByteArrayInputStream(data);
  }

  @Override
  public long size() {
    return data.length;
  }
}
