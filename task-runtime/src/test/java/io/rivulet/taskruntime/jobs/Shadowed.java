package io.rivulet.taskruntime.jobs;

/** The runtime's version of a class that a job JAR in {@link JobClassLoaderTest} brings in another version. */
public class Shadowed {
  public static String origin() {
    return "runtime";
  }
}
