package io.rivulet.controlplane.rest;

import io.rivulet.controlplane.jars.JarInfo;
import java.util.List;

/** JSON shapes of the /v1/jars resources, with the field names of Flink's REST API. */
public final class JarDtos {
  private JarDtos() {}

  public record Uploaded(String filename, String status) {}

  public record Entry(String name, String description) {}

  public record JarFile(String id, String name, long uploaded, List<Entry> entry) {
    static JarFile of(JarInfo j) {
      return new JarFile(j.id(), j.name(), j.uploaded(), j.entryClasses().stream().map(c -> new Entry(c, null)).toList());
    }
  }

  public record JarList(String address, List<JarFile> files) {}
}
