package io.rivulet.controlplane.jobs;

/**
 * The class loader a job's functions come from, held for as long as the job runs. Closing it releases the
 * JAR; the job service closes it when the job has ended, so that classes do not leak from job to job.
 */
public interface UserCode extends AutoCloseable {
  ClassLoader classLoader();

  @Override
  void close();

  /** Code that lives in the control plane itself (built-in operators of declarative specs): nothing to close. */
  static UserCode builtIn() {
    ClassLoader loader = UserCode.class.getClassLoader();
    return new UserCode() {
      @Override
      public ClassLoader classLoader() {
        return loader;
      }

      @Override
      public void close() {}
    };
  }
}
