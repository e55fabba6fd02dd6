package io.rivulet.runtime.taskexecutor;

import io.opentelemetry.api.trace.Tracer;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.grpc.DataExchange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every deployment in a runtime shares; owned (started and closed) by the {@link TaskExecutor}.
 *
 * @param dataExchange the DIRECT exchange's server and connections; null for a runtime that is the only one of its
 *     cluster (every channel is then local)
 * @param reports the ordered reports to the control plane
 * @param timer processing-time timers of all tasks, and the interrupt after a cancellation's grace period
 * @param checkpointIo writes the asynchronous part of snapshots
 * @param checkpointsDirectory default root of checkpoint storage, when a deployment names none
 * @param rocksDbDirectory where RocksDB instances of jobs that name no directory live
 * @param taskObserver told about every task deployed and ended here (metrics)
 * @param tracer spans of deployments (children of the control plane's Deploy call)
 */
public record SharedServices(String runtimeId, DataExchange dataExchange, Reports reports,
    JobClassLoaders classLoaders, ScheduledExecutorService timer, ExecutorService checkpointIo,
    Path checkpointsDirectory, Path rocksDbDirectory, Duration cancelGracePeriod, TaskObserver taskObserver,
    Tracer tracer) {}
