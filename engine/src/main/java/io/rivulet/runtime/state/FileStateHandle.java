package io.rivulet.runtime.state;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A snapshot in a file of checkpoint storage; the path is kept as a string to stay serializable. */
public record FileStateHandle(String path, long size) implements StreamStateHandle {
  @Override
  public InputStream open() throws IOException {
    return new BufferedInputStream(Files.newInputStream(Path.of(path)), 64 * 1024);
  }
}
