package io.rivulet.runtime.jobmaster;

/**
 * Where task runtimes fetch a job's JAR and how they check it; {@link #NONE} for jobs made of classes every
 * runtime has (built-in operators).
 */
public record JarLocation(String url, String sha256) {
  public static final JarLocation NONE = new JarLocation("", "");
}
