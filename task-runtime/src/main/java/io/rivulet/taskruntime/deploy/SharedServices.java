package io.rivulet.taskruntime.deploy;

import io.opentelemetry.api.trace.Tracer;
import io.rivulet.runtime.metrics.TaskObserver;
import io.rivulet.runtime.network.grpc.DataExchange;
import io.rivulet.taskruntime.control.ControlPlaneClient;
import io.rivulet.taskruntime.jobs.JobClassLoaders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every deployment in a runtime shares; owned (started and closed) by the runtime node.
 *
 * @param timer processing-time timers of all tasks, and the interrupt after a cancellation's grace period
 * @param checkpointIo writes the asynchronous part of snapshots
 * @param checkpointsDirectory default root of checkpoint storage, when a deployment names none
 * @param rocksDbDirectory where RocksDB instances of jobs that name no directory live
 * @param taskObserver told about every task deployed and ended here (metrics)
 * @param tracer spans of deployments (children of the control plane's Deploy call)
 */
public record SharedServices(String runtimeId, DataExchange dataExchange, ControlPlaneClient controlPlane,
    JobClassLoaders classLoaders, ScheduledExecutorService timer, ExecutorService checkpointIo,
    Path checkpointsDirectory, Path rocksDbDirectory, Duration cancelGracePeriod, TaskObserver taskObserver,
    Tracer tracer) {}
