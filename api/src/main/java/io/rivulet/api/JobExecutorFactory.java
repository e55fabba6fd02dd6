package io.rivulet.api;

/** Service-loaded provider of the default {@link JobExecutor}; the highest {@link #priority()} wins. */
public interface JobExecutorFactory {
  JobExecutor create();

  default int priority() {
    return 0;
  }
}
