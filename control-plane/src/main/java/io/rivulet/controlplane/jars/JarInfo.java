package io.rivulet.controlplane.jars;

import java.util.List;

/**
 * An uploaded JAR.
 *
 * @param id what the API calls it: {@code <uuid>_<original name>}
 * @param name the file name it was uploaded with
 * @param uploaded epoch millis
 * @param entryClasses the manifest's Main-Class, if it has one
 */
public record JarInfo(String id, String name, long uploaded, List<String> entryClasses) {}
