package io.rivulet.controlplane.ui;

import io.quarkus.runtime.StartupEvent;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.jobs.JobService;
import io.rivulet.controlplane.jobs.JobSummary;
import io.rivulet.controlplane.jobs.VertexDetails;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Samples the records that running jobs send between their tasks (the sum of every vertex's write-records) once a
 * second, so that the Web UI's overview can draw the last {@link #HISTORY_SECONDS} seconds even when it was just
 * opened. One daemon thread; a sample costs one {@link JobService#job} per running job.
 */
@ApplicationScoped
public class ThroughputSampler {
  private static final Logger LOG = Logger.getLogger(ThroughputSampler.class);
  public static final long INTERVAL_MILLIS = 1000;
  public static final int HISTORY_SECONDS = 300;

  @Inject
  JobService jobs;

  private final ThroughputHistory history = new ThroughputHistory((int) (HISTORY_SECONDS * 1000 / INTERVAL_MILLIS));
  private ScheduledExecutorService timer;

  void start(@Observes StartupEvent event) {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "rivulet-ui-throughput");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sample, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }

  public ThroughputHistory history() {
    return history;
  }

  private void sample() {
    try {
      Map<String, Long> totals = new HashMap<>();
      for (JobSummary s : jobs.jobs()) {
        if (s.state().isTerminal()) {
          continue;
        }
        try {
          totals.put(s.id(), jobs.job(s.id()).vertices().stream().mapToLong(VertexDetails::recordsOut).sum());
        } catch (ApiException e) {
          // gone between the two calls: leaves the sample
        }
      }
      history.record(System.currentTimeMillis(), totals);
    } catch (RuntimeException e) {
      LOG.debugf(e, "throughput sample failed");
    }
  }
}
