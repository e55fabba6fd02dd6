package io.rivulet.taskruntime.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.api.functions.MapFunction;
import io.rivulet.runtime.taskexecutor.JobClassLoader;
import io.rivulet.taskruntime.TestJars;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which classes a job's class loader takes from the job JAR and which from the runtime. */
class JobClassLoaderTest {
  @TempDir Path dir;

  @Test
  void jobClassesComeFromTheJarEvenWhenTheRuntimeHasThemAndRivuletTypesFromTheRuntime() throws Exception {
    // the JAR bundles its own version of a class the runtime has too (child-first must pick the JAR's),
    // and a copy of an API interface (parent-first must ignore it, or the engine could not call the job)
    Map<String, String> sources = new HashMap<>(TestJars.transform("s"));
    sources.put(Shadowed.class.getName(), """
        package io.rivulet.taskruntime.jobs;

        public class Shadowed {
          public static String origin() {
            return "job jar";
          }
        }
        """);
    Path jar = TestJars.build(dir.resolve("job.jar"), sources);
    try (InputStream api = MapFunction.class.getResourceAsStream("MapFunction.class")) {
      TestJars.append(jar, "io/rivulet/api/functions/MapFunction.class", api.readAllBytes());
    }

    try (JobClassLoader loader = new JobClassLoader("test", jar, getClass().getClassLoader())) {
      Class<?> shadowed = loader.loadClass(Shadowed.class.getName());
      assertThat(shadowed).isNotSameAs(Shadowed.class);
      assertThat(shadowed.getMethod("origin").invoke(null)).isEqualTo("job jar");
      assertThat(Shadowed.origin()).isEqualTo("runtime");

      assertThat(loader.loadClass(MapFunction.class.getName())).isSameAs(MapFunction.class);
      Class<?> transform = loader.loadClass("demo.Transform");
      assertThat(transform.getClassLoader()).isSameAs(loader);
      assertThat(MapFunction.class.isAssignableFrom(transform)).as("implements the runtime's MapFunction").isTrue();
      assertThat(loader.loadClass(String.class.getName())).isSameAs(String.class);

      assertThat(loader.getResource("io/rivulet/taskruntime/jobs/Shadowed.class").toString()).startsWith("jar:");
      assertThat(loader.getResource("io/rivulet/api/functions/MapFunction.class").toString())
          .doesNotStartWith("jar:file:" + jar);
    }
  }

  @Test
  void parentFirstPackages() {
    assertThat(JobClassLoader.isParentFirst("io.rivulet.api.functions.MapFunction")).isTrue();
    assertThat(JobClassLoader.isParentFirst("io.rivulet.runtime.tasks.StreamTask")).isTrue();
    assertThat(JobClassLoader.isParentFirst("java.lang.String")).isTrue();
    assertThat(JobClassLoader.isParentFirst("io.rivulet.apiextra.Thing")).isFalse();
    assertThat(JobClassLoader.isParentFirst("com.example.Job")).isFalse();
  }
}
