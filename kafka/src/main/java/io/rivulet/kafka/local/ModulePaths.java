package io.rivulet.kafka.local;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build of module {@code kafka/} put the broker's class path ({@code target/kafka-lib}) and the
 * unpacked Apicurio Registry ({@code target/apicurio-registry}). Found next to this class's own code source
 * ({@code kafka/target/classes} or the module's jar in {@code kafka/target}); system properties
 * {@code rivulet.kafka.lib} and {@code rivulet.apicurio.home} override.
 */
final class ModulePaths {
  static final String KAFKA_LIB_PROPERTY = "rivulet.kafka.lib";
  static final String APICURIO_HOME_PROPERTY = "rivulet.apicurio.home";

  private ModulePaths() {}

  /** The directory of jars the broker runs from. */
  static Path kafkaLib() {
    return locate(KAFKA_LIB_PROPERTY, "kafka-lib", "the Kafka broker jars");
  }

  /** The directory holding {@code apicurio-registry-app-<version>-runner.jar} and its {@code lib/}. */
  static Path apicurioHome() {
    return locate(APICURIO_HOME_PROPERTY, "apicurio-registry", "the Apicurio Registry");
  }

  /** This module's classes (a directory or a jar): the child processes need {@link ParentWatch}. */
  static Path ownCodeSource() {
    try {
      return Path.of(ModulePaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the classes of rivulet-kafka", e);
    }
  }

  private static Path locate(String property, String name, String what) {
    String configured = System.getProperty(property);
    if (configured != null) {
      return existing(Path.of(configured), what, "system property " + property);
    }
    // kafka/target/classes -> kafka/target; kafka/target/rivulet-kafka.jar -> kafka/target
    Path target = ownCodeSource().toAbsolutePath().getParent();
    return existing(target.resolve(name), what, "the build of module kafka/ (mvn -pl kafka -am test-compile)");
  }

  private static Path existing(Path dir, String what, String source) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("cannot find " + what + ": " + dir + " does not exist (it is made by "
          + source + ")");
    }
    return dir;
  }
}
