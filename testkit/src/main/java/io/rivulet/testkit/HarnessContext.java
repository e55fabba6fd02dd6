package io.rivulet.testkit;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.runtime.operators.OperatorContext;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.StreamingRuntimeContext;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.Map;

/** The {@link OperatorContext} of one operator instance under a harness: fixed values, no task behind it. */
final class HarnessContext implements OperatorContext {
  private final HarnessSettings settings;
  private final int attemptNumber;
  private final ProcessingTimeService processingTime;
  private final KeyedStateBackend<?> backend;
  private final Map<String, byte[]> restoredOperatorState;
  private final OperatorMetrics metrics;
  private final RuntimeContext runtimeContext;

  HarnessContext(HarnessSettings settings, int attemptNumber, ProcessingTimeService processingTime,
      KeyedStateBackend<?> backend, Map<String, byte[]> restoredOperatorState, OperatorMetrics metrics) {
    this.settings = settings;
    this.attemptNumber = attemptNumber;
    this.processingTime = processingTime;
    this.backend = backend;
    this.restoredOperatorState = restoredOperatorState;
    this.metrics = metrics;
    this.runtimeContext = new StreamingRuntimeContext(this);
  }

  @Override
  public String jobId() {
    return "harness-job";
  }

  @Override
  public String jobName() {
    return "harness-job";
  }

  @Override
  public String operatorName() {
    return settings.operatorName;
  }

  @Override
  public String operatorUid() {
    return "harness-operator";
  }

  @Override
  public int subtaskIndex() {
    return settings.subtaskIndex;
  }

  @Override
  public int parallelism() {
    return settings.parallelism;
  }

  @Override
  public int maxParallelism() {
    return settings.maxParallelism;
  }

  @Override
  public int attemptNumber() {
    return attemptNumber;
  }

  @Override
  public JobConfig jobConfig() {
    return settings.jobConfig;
  }

  @Override
  public ClassLoader userClassLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return processingTime;
  }

  @Override
  public KeyedStateBackend<?> keyedStateBackend() {
    return backend;
  }

  @Override
  public Map<String, byte[]> restoredOperatorState() {
    return restoredOperatorState;
  }

  @Override
  public RuntimeContext runtimeContext() {
    return runtimeContext;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }
}
