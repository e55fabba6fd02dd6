package io.rivulet.runtime.execution;

import io.rivulet.api.JobExecutor;
import io.rivulet.api.JobExecutorFactory;

/** Makes the embedded executor the default when the engine is on the class path. */
public final class LocalExecutorFactory implements JobExecutorFactory {
  @Override
  public JobExecutor create() {
    return new LocalExecutor();
  }
}
