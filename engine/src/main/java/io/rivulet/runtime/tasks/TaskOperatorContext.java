package io.rivulet.runtime.tasks;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.api.graph.StreamNode;
import io.rivulet.runtime.operators.OperatorContext;
import io.rivulet.runtime.operators.OperatorMetrics;
import io.rivulet.runtime.operators.StreamingRuntimeContext;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.Map;

/** The {@link OperatorContext} a task gives each operator of its chain. */
final class TaskOperatorContext implements OperatorContext {
  private final TaskInfo task;
  private final StreamNode node;
  private final ClassLoader classLoader;
  private final ProcessingTimeService time;
  private final KeyedStateBackend<?> keyed;
  private final Map<String, byte[]> restored;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final RuntimeContext runtimeContext;

  TaskOperatorContext(TaskInfo task, StreamNode node, ClassLoader classLoader, ProcessingTimeService time,
      KeyedStateBackend<?> keyed, Map<String, byte[]> restored) {
    this.task = task;
    this.node = node;
    this.classLoader = classLoader;
    this.time = time;
    this.keyed = keyed;
    this.restored = restored;
    this.runtimeContext = new StreamingRuntimeContext(this);
  }

  @Override
  public String jobId() {
    return task.jobId();
  }

  @Override
  public String jobName() {
    return task.job().jobName();
  }

  @Override
  public String operatorName() {
    return node.name();
  }

  @Override
  public String operatorUid() {
    return node.uid();
  }

  @Override
  public int subtaskIndex() {
    return task.subtaskIndex();
  }

  @Override
  public int parallelism() {
    return task.vertex().parallelism();
  }

  @Override
  public int maxParallelism() {
    return task.vertex().maxParallelism();
  }

  @Override
  public int attemptNumber() {
    return task.attempt();
  }

  @Override
  public JobConfig jobConfig() {
    return task.job().config();
  }

  @Override
  public ClassLoader userClassLoader() {
    return classLoader;
  }

  @Override
  public ProcessingTimeService processingTimeService() {
    return time;
  }

  @Override
  public KeyedStateBackend<?> keyedStateBackend() {
    return keyed;
  }

  @Override
  public Map<String, byte[]> restoredOperatorState() {
    return restored;
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
