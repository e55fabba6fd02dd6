package io.rivulet.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.rivulet.runtime.checkpoint.CheckpointCoordinator;
import io.rivulet.runtime.checkpoint.CompletedCheckpoint;
import io.rivulet.runtime.metrics.JobObserver;
import io.rivulet.runtime.metrics.ObservedJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-job meters of whoever coordinates jobs (the control plane), tagged {@code job, job_name}: checkpoint duration
 * and size (the last one as gauges, all of them as histograms), completed and failed checkpoints, restarts.
 * Registered when a job starts and removed when it ends.
 */
public final class JobMeters implements JobObserver {
  private final MeterRegistry registry;
  /** A job's meters, and the job itself: function counters hold it only weakly. */
  private record Bound(ObservedJob job, List<Meter> meters) {}

  private final Map<String, Bound> jobs = new ConcurrentHashMap<>();

  public JobMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void jobStarted(ObservedJob job) {
    Tags tags = Tags.of("job", job.jobId(), "job_name", job.jobName());
    List<Meter> meters = new ArrayList<>();
    AtomicLong lastDurationMillis = new AtomicLong();
    AtomicLong lastSizeBytes = new AtomicLong();
    Timer duration = Timer.builder("rivulet.checkpoint.duration").tags(tags)
        .description("time from triggering a checkpoint to its completion")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    DistributionSummary size = DistributionSummary.builder("rivulet.checkpoint.size").baseUnit("bytes").tags(tags)
        .description("state written by a completed checkpoint").publishPercentileHistogram()
        .minimumExpectedValue(1024.0).maximumExpectedValue(64.0 * 1024 * 1024 * 1024).register(registry);
    meters.add(duration);
    meters.add(size);
    meters.add(TimeGauge.builder("rivulet.checkpoint.last.duration", lastDurationMillis, TimeUnit.MILLISECONDS,
        AtomicLong::doubleValue).tags(tags).description("duration of the latest completed checkpoint")
        .register(registry));
    meters.add(Gauge.builder("rivulet.checkpoint.last.size", lastSizeBytes, AtomicLong::doubleValue).baseUnit("bytes")
        .tags(tags).description("state size of the latest completed checkpoint").register(registry));
    meters.add(FunctionCounter.builder("rivulet.checkpoints.completed", job, ObservedJob::completedCheckpoints)
        .tags(tags).description("checkpoints (and savepoints) completed").register(registry));
    meters.add(FunctionCounter.builder("rivulet.checkpoints.failed", job, ObservedJob::failedCheckpoints)
        .tags(tags).description("checkpoints triggered that did not complete (declined, timed out, aborted)")
        .register(registry));
    meters.add(FunctionCounter.builder("rivulet.job.restarts", job, ObservedJob::restarts).tags(tags)
        .description("restarts of the job after a failure").register(registry));
    Bound previous = jobs.put(job.jobId(), new Bound(job, meters));
    if (previous != null) { // the same id started again: keep the meters that were registered anew
      previous.meters().stream().filter(m -> !meters.contains(m)).forEach(registry::remove);
    }
    job.addCheckpointListener(new CheckpointCoordinator.Listener() {
      @Override
      public void onCompleted(CompletedCheckpoint checkpoint, long durationMillis) {
        duration.record(durationMillis, TimeUnit.MILLISECONDS);
        size.record(checkpoint.sizeBytes());
        lastDurationMillis.set(durationMillis);
        lastSizeBytes.set(checkpoint.sizeBytes());
      }
    });
  }

  @Override
  public void jobEnded(String jobId) {
    Bound b = jobs.remove(jobId);
    if (b != null) {
      b.meters().forEach(registry::remove);
    }
  }

  /** Jobs with meters now. */
  public int boundJobs() {
    return jobs.size();
  }
}
