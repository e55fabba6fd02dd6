package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.JobStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.controlplane.ApiException;
import io.rivulet.controlplane.spec.BuiltInRegistry;
import io.rivulet.controlplane.spec.SpecCompiler;
import io.rivulet.controlplane.spec.builtins.DiscardSink;
import io.rivulet.controlplane.spec.builtins.KeyedSequenceSource;
import io.rivulet.controlplane.store.JobStore;
import io.rivulet.controlplane.support.EmbeddedServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job store survives a restart of the control plane: a fresh service over the same directory lists the
 * jobs again, with jobs that were running marked FAILED because they are not taken over yet.
 */
class JobServiceRestartTest {
  @TempDir
  Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private final SpecCompiler specs = new SpecCompiler(new BuiltInRegistry(List.of(new KeyedSequenceSource(),
      new DiscardSink())), json, new JobDefaults(null));
  private DispatcherJobService first;

  private DispatcherJobService newService() {
    return EmbeddedServices.jobService(dir, 4);
  }

  private String submit(DispatcherJobService service, String name, long records) {
    SpecCompiler.Compiled c = specs.compile("""
        {"name": "%s", "nodes": [
          {"id": "src", "type": "keyed-sequence-source", "params": {"keys": 2, "records": %d, "rate": %d}},
          {"id": "out", "type": "discard-sink", "input": "src", "keyBy": "key"}]}
        """.formatted(name, records, records < 0 ? 1000 : 0));
    return service.submit(new JobSubmission(c.graph(), new JobOrigin.Spec(c.spec()), UserCode.builtIn()));
  }

  private static void awaitState(DispatcherJobService service, String id, JobStatus state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> service.job(id).summary().state() == state);
  }

  @AfterEach
  void stopFirst() {
    if (first != null) {
      first.close();
    }
  }

  @Test
  void jobsAreListedAfterARestartAndRunningOnesAreMarkedFailed() {
    first = newService();
    JobStore probe = new JobStore(dir.resolve("jobs"), json);
    assertThat(probe.isLoaded()).isFalse();
    assertThat(first.isReady()).isFalse();
    first.start();
    assertThat(first.isReady()).isTrue();

    String finished = submit(first, "bounded", 1000);
    String running = submit(first, "endless", -1);
    awaitState(first, finished, JobStatus.FINISHED);
    awaitState(first, running, JobStatus.RUNNING);

    // the first control plane "dies" (its running job is never told); a new one starts over the same directory
    DispatcherJobService second = newService().start();
    assertThat(second.jobs()).extracting(JobSummary::id).containsExactly(finished, running);
    assertThat(second.job(finished).summary().state()).isEqualTo(JobStatus.FINISHED);
    assertThat(second.job(finished).summary().name()).isEqualTo("bounded");
    assertThat(second.job(finished).vertices()).hasSize(2);
    assertThat(second.job(finished).vertices().get(1).recordsIn()).isEqualTo(1000);
    assertThat(second.job(finished).origin()).isInstanceOf(JobOrigin.Spec.class);

    JobDetails lost = second.job(running);
    assertThat(lost.summary().state()).isEqualTo(JobStatus.FAILED);
    assertThat(lost.summary().endTime()).isGreaterThanOrEqualTo(lost.summary().startTime());
    assertThat(second.exceptions(running).root().message()).startsWith("control plane restarted");
    assertThatThrownBy(() -> second.cancel(running)).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(409));
    assertThat(second.overview().jobsFailed()).isEqualTo(1);
    assertThat(second.overview().jobsFinished()).isEqualTo(1);

    // and a third start reads the same again: the reconciliation was persisted
    DispatcherJobService third = newService().start();
    assertThat(third.job(running).summary().state()).isEqualTo(JobStatus.FAILED);
    assertThat(third.exceptions(running).history()).hasSize(1);
  }

  @Test
  void theJobsUserCodeIsClosedWhenItEnds() {
    first = newService().start();
    java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
    UserCode code = new UserCode() {
      @Override
      public ClassLoader classLoader() {
        return getClass().getClassLoader();
      }

      @Override
      public void close() {
        closed.incrementAndGet();
      }
    };
    SpecCompiler.Compiled c = specs.compile("""
        {"nodes": [{"id": "src", "type": "keyed-sequence-source", "params": {"keys": 1, "records": 10}},
                   {"id": "out", "type": "discard-sink", "input": "src"}]}""");
    String id = first.submit(new JobSubmission(c.graph(), new JobOrigin.Spec(c.spec()), code));
    awaitState(first, id, JobStatus.FINISHED);
    await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() == 1);
    assertThat(first.overview().slotsAvailable()).isEqualTo(4); // a finished job holds no slot
  }

  @Test
  void unknownJobIs404() {
    first = newService().start();
    assertThatThrownBy(() -> first.job("nope")).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
  }
}
