package io.rivulet.runtime.jobmaster;

import io.rivulet.runtime.cluster.RuntimeRegistry;
import io.rivulet.runtime.concurrent.ControlExecutor;
import io.rivulet.runtime.tracing.Tracing;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What every job master of a control plane (or of an embedded mini cluster) shares.
 *
 * @param executors makes each job master's control thread (by job id): a {@link
 *     io.rivulet.runtime.concurrent.SerialExecutor} over a shared pool, or one manual executor in tests
 * @param io blocking work off the control threads: checkpoint metadata, clean-up of a job's topics
 * @param checkpointRoot where jobs keep their checkpoints ({@code <root>/<job id>}) unless the job names a directory
 * @param slotTimeoutMillis how long a job waits for enough task slots before it fails
 * @param checkpointTimeoutMillis how long a checkpoint may wait for acknowledgements before it is aborted
 * @param cancelTimeoutMillis how long a cancelled job waits for its tasks to report before it counts as CANCELED
 */
public record JobMasterServices(RuntimeRegistry registry, Function<String, ControlExecutor> executors, Executor io,
    Tracing tracing, Path checkpointRoot, long slotTimeoutMillis, long checkpointTimeoutMillis,
    long cancelTimeoutMillis) {

  public static final long DEFAULT_CHECKPOINT_TIMEOUT_MILLIS = 10 * 60_000L;
  public static final long DEFAULT_CANCEL_TIMEOUT_MILLIS = 30_000L;
}
