package io.rivulet.runtime.taskexecutor;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Loads one job JAR, child-first: a job's own classes (and the libraries it bundles) win over the runtime's,
 * so jobs can bring other versions of libraries than the runtime uses and never see each other's classes.
 * The platform and Rivulet's own API and engine always come from the parent, so that the types the engine and
 * the job exchange (functions, serializers, records of the API) are one and the same.
 */
public final class JobClassLoader extends URLClassLoader {
  /** Packages that always resolve in the parent (also as resource paths, with '/' instead of '.'). */
  static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
      "io.rivulet.api.", "io.rivulet.runtime.", "org.rocksdb.");

  static {
    ClassLoader.registerAsParallelCapable();
  }

  public JobClassLoader(String name, Path jar, ClassLoader parent) throws IOException {
    super(name, new URL[] {jar.toUri().toURL()}, parent);
  }

  public static boolean isParentFirst(String className) {
    for (String prefix : PARENT_FIRST) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isParentFirstResource(String resource) {
    return isParentFirst(resource.replace('/', '.'));
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isParentFirst(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        try {
          c = findClass(name);
        } catch (ClassNotFoundException notInJar) {
          return super.loadClass(name, resolve);
        }
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public URL getResource(String name) {
    if (!isParentFirstResource(name)) {
      URL own = findResource(name);
      if (own != null) {
        return own;
      }
    }
    return super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (isParentFirstResource(name)) {
      return super.getResources(name);
    }
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    ClassLoader parent = getParent();
    if (parent != null) {
      all.addAll(Collections.list(parent.getResources(name)));
    }
    return Collections.enumeration(all);
  }
}
