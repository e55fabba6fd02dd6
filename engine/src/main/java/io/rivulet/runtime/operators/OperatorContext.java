package io.rivulet.runtime.operators;

import io.rivulet.api.config.JobConfig;
import io.rivulet.api.functions.RuntimeContext;
import io.rivulet.runtime.state.KeyedStateBackend;
import io.rivulet.runtime.timers.ProcessingTimeService;
import java.util.Map;

/** What an operator gets from the task that runs it. */
public interface OperatorContext {
  String jobId();

  String jobName();

  String operatorName();

  /** The stable id under which this operator's state is checkpointed. */
  String operatorUid();

  int subtaskIndex();

  int parallelism();

  int maxParallelism();

  int attemptNumber();

  JobConfig jobConfig();

  ClassLoader userClassLoader();

  ProcessingTimeService processingTimeService();

  /** The keyed state backend (already restored), or null for a non-keyed operator. */
  KeyedStateBackend<?> keyedStateBackend();

  /** Non-keyed state restored for this operator and subtask, or null when the job starts fresh. */
  Map<String, byte[]> restoredOperatorState();

  /** The context user functions see through {@code open}. */
  RuntimeContext runtimeContext();

  /** Counters and gauges of this operator (records dropped as late, ...). */
  OperatorMetrics metrics();
}
