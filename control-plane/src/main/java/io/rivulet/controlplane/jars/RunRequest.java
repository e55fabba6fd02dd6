package io.rivulet.controlplane.jars;

import java.util.List;

/**
 * What POST /v1/jars/{id}/run asks for, after the body and the query parameters were merged.
 *
 * @param entryClass null: the manifest's Main-Class
 * @param parallelism null: the job's own default
 * @param savepointPath null: start empty
 */
public record RunRequest(String entryClass, List<String> programArgs, Integer parallelism, String savepointPath) {
  public RunRequest {
    programArgs = programArgs == null ? List.of() : List.copyOf(programArgs);
  }
}
