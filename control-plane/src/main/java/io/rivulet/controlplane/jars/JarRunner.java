package io.rivulet.controlplane.jars;

import io.rivulet.api.StreamEnvironment;
import io.rivulet.api.config.JobConfig;
import io.rivulet.api.graph.GraphValidationException;
import io.rivulet.api.graph.JobGraph;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobDefaults;
import io.rivulet.controlplane.jobs.JobOrigin;
import io.rivulet.controlplane.jobs.JobSubmission;
import io.rivulet.controlplane.jobs.UserCode;
import io.rivulet.runtime.serialization.SerializedCopy;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs the {@code main} of an uploaded JAR to get its job graph, as Flink's "run jar" does: the JAR is loaded
 * in a class loader of its own, {@code main} runs on a thread of its own with
 * {@link StreamEnvironment#setContextExecutor} set to a {@link GraphCapture}, so {@code env.execute()} hands the
 * graph over instead of running it. The class loader goes with the submission and is closed when the job ends.
 */
public final class JarRunner {
  private static final Logger LOG = Logger.getLogger(JarRunner.class);

  private final JarStore jars;
  private final JobDefaults defaults;
  private final Duration mainTimeout;

  public JarRunner(JarStore jars, JobDefaults defaults, Duration mainTimeout) {
    this.jars = jars;
    this.defaults = defaults;
    this.mainTimeout = mainTimeout;
  }

  /**
   * @throws ApiException 404 for an unknown JAR, 400 for a bad request, a missing entry class, or a main that
   *     fails, builds an invalid graph or never calls execute
   */
  public JobSubmission prepare(String jarId, RunRequest request) {
    if (request.parallelism() != null && request.parallelism() < 1) {
      throw ApiException.badRequest("parallelism must be at least 1, was " + request.parallelism());
    }
    Path jar = jars.path(jarId);
    String entryClass = request.entryClass() != null && !request.entryClass().isBlank()
        ? request.entryClass().trim() : JarInspector.mainClass(jar);
    if (entryClass == null) {
      throw ApiException.badRequest("jar '" + jarId + "' has no Main-Class in its manifest: name the class to run"
          + " with \"entryClass\"");
    }
    JobConfig config = defaults.newConfig();
    if (request.parallelism() != null) {
      config.parallelism(request.parallelism());
    }
    if (request.savepointPath() != null && !request.savepointPath().isBlank()) {
      config.restoreFrom(request.savepointPath());
    }
    JobClassLoader loader;
    try {
      loader = new JobClassLoader(jar.toUri().toURL(), StreamEnvironment.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    boolean handedOver = false;
    try {
      Method main = mainMethod(loader, entryClass, jarId);
      JobGraph graph = runMain(main, request, loader, config, entryClass);
      JobOrigin origin = new JobOrigin.Jar(jarId, entryClass, request.programArgs(), request.parallelism(),
          request.savepointPath());
      JobSubmission submission = new JobSubmission(graph, origin, new LoaderLease(loader));
      handedOver = true;
      return submission;
    } finally {
      if (!handedOver) {
        close(loader);
      }
    }
  }

  /**
   * A job graph built by a client (e.g. {@code RemoteEnvironment}) against the classes of an uploaded JAR: it is
   * read in a class loader of that JAR, as the job's functions need.
   *
   * @throws ApiException 404 for an unknown JAR, 400 when the bytes are not a job graph of that JAR's classes
   */
  public JobSubmission prepareGraph(String jarId, byte[] serializedGraph) {
    Path jar = jars.path(jarId);
    JobClassLoader loader;
    try {
      loader = new JobClassLoader(jar.toUri().toURL(), StreamEnvironment.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    try {
      // only the graph model, plain JDK types and the JAR's own classes are read (JobGraphFilter)
      JobGraph graph = SerializedCopy.readJobGraph(serializedGraph, loader, loader);
      return new JobSubmission(graph, new JobOrigin.Graph(jarId), new LoaderLease(loader));
    } catch (IllegalStateException e) {
      close(loader);
      throw ApiException.badRequest("cannot read the job graph with the classes of jar '" + jarId + "': "
          + e.getMessage());
    } catch (RuntimeException e) {
      close(loader);
      throw e;
    }
  }

  private static Method mainMethod(ClassLoader loader, String entryClass, String jarId) {
    Class<?> cls;
    try {
      cls = Class.forName(entryClass, false, loader);
    } catch (ClassNotFoundException e) {
      throw ApiException.badRequest("entry class '" + entryClass + "' not found in jar '" + jarId + "'");
    } catch (LinkageError e) {
      throw ApiException.badRequest("entry class '" + entryClass + "' of jar '" + jarId + "' cannot be loaded: " + e);
    }
    try {
      Method m = cls.getMethod("main", String[].class);
      if (!Modifier.isStatic(m.getModifiers())) {
        throw new NoSuchMethodException();
      }
      return m;
    } catch (NoSuchMethodException e) {
      throw ApiException.badRequest("entry class '" + entryClass + "' of jar '" + jarId
          + "' has no public static void main(String[] args)");
    }
  }

  private JobGraph runMain(Method main, RunRequest request, ClassLoader loader, JobConfig config, String entryClass) {
    GraphCapture capture = new GraphCapture();
    CompletableFuture<Throwable> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      Thread.currentThread().setContextClassLoader(loader);
      StreamEnvironment.setContextExecutor(() -> capture);
      StreamEnvironment.setContextConfig(config);
      try {
        main.invoke(null, (Object) request.programArgs().toArray(new String[0]));
        done.complete(null);
      } catch (InvocationTargetException e) {
        done.complete(e.getCause());
      } catch (Throwable e) {
        done.complete(e);
      } finally {
        StreamEnvironment.setContextExecutor(null);
        StreamEnvironment.setContextConfig(null);
      }
    }, "rivulet-main " + entryClass);
    t.setDaemon(true);
    t.start();
    Throwable error;
    try {
      error = done.get(mainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      stop(t);
      throw ApiException.badRequest("main of '" + entryClass + "' did not hand over a job within " + mainTimeout
          + " (rivulet.jars.main-timeout): it must build the job and call env.execute(...)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running main of " + entryClass, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
    if (capture.graph() != null) {
      return capture.graph(); // main may have swallowed the capture signal; the graph is what counts
    }
    GraphValidationException invalid = find(error, GraphValidationException.class);
    if (invalid != null) {
      throw ApiException.badRequest("the job built by '" + entryClass + "' is invalid: " + invalid.getMessage());
    }
    if (error != null) {
      LOG.infof(error, "main of %s failed", entryClass);
      throw ApiException.badRequest("main of '" + entryClass + "' failed before submitting a job: " + error);
    }
    throw ApiException.badRequest("main of '" + entryClass + "' returned without calling env.execute(...), so"
        + " there is no job to run");
  }

  /**
   * Ends a main that overran its time: interrupted first; one that ignores that (a loop that swallows the interrupt)
   * is stopped, so that no thread of a refused job stays behind holding its JAR's classes. {@code Thread.stop} is the
   * only way to end a thread that will not end itself; it is safe enough here, since the thread only ran the job's
   * own main and shares nothing but what it was handed. Where the JVM no longer offers it (21+), the thread is left
   * and the fact logged.
   */
  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread t) {
    t.interrupt();
    try {
      t.join(2_000);
      if (t.isAlive()) {
        t.stop();
        t.join(2_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UnsupportedOperationException e) {
      LOG.warnf("the main thread %s ignores interrupts and this JVM cannot stop it; it stays until it ends",
          t.getName());
    }
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (type.isInstance(e)) {
        return type.cast(e);
      }
    }
    return null;
  }

  private static void close(JobClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      LOG.debugf(e, "closing a job class loader");
    }
  }

  /** Hands the loader to the job service, which closes it when the job ends. */
  private record LoaderLease(JobClassLoader loader) implements UserCode {
    @Override
    public ClassLoader classLoader() {
      return loader;
    }

    @Override
    public void close() {
      JarRunner.close(loader);
    }
  }
}
