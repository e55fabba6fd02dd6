package io.rivulet.controlplane.jars;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one run of a job JAR: child-first, so that a job's classes and its own library versions
 * win over the control plane's, except for the packages that must be shared with the control plane (the JDK,
 * Rivulet's API and engine: a job's {@code StreamEnvironment} must be the one the control plane set the context
 * executor on). One loader per run keeps jobs from seeing each other's classes and static state.
 */
public final class JobClassLoader extends URLClassLoader {
  private static final String[] PARENT_FIRST = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.",
      "io.rivulet.api.", "io.rivulet.runtime."};

  static {
    ClassLoader.registerAsParallelCapable();
  }

  public JobClassLoader(URL jar, ClassLoader parent) {
    super(new URL[] {jar}, parent);
  }

  private static boolean parentFirst(String name) {
    for (String p : PARENT_FIRST) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        if (parentFirst(name)) {
          c = getParent().loadClass(name);
        } else {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = getParent().loadClass(name);
          }
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
    String asClass = name.replace('/', '.');
    if (parentFirst(asClass)) {
      return super.getResource(name);
    }
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
    all.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(all);
  }
}
