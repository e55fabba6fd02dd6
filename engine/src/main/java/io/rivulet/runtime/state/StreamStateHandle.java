package io.rivulet.runtime.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/** Bytes written by a snapshot: a file in checkpoint storage, or an in-memory array (tests, harness). */
public interface StreamStateHandle extends Serializable {
  InputStream open() throws IOException;

  long size();
}
