package io.rivulet.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The collect sink's two-phase commit, driven by hand the way the sink operator drives a writer. */
class CollectSinkTest {
  private final CollectSink<String> sink = new CollectSink<>();

  @AfterEach
  void release() {
    CollectSink.release(sink.id());
  }

  @Test
  void publishesWhatACheckpointStagedOnlyWhenItCompletes() throws Exception {
    SinkWriter<String> writer = sink.createWriter(context(0));
    writer.write("a", 0);
    writer.snapshotState(1);
    writer.write("b", 0);
    assertThat(results()).isEmpty();
    writer.notifyCheckpointComplete(1);
    assertThat(results()).containsExactly("a");
    writer.finish();
    assertThat(results()).containsExactly("a");
    writer.notifyCheckpointComplete(SinkWriter.END_OF_INPUT);
    assertThat(results()).containsExactly("a", "b");
  }

  /**
   * Checkpoint 2 completed, but the writer failed before its notification arrived: restoring checkpoint 2 publishes
   * what 1 and 2 staged (neither was notified), once, however often it is restored; what came after it is not.
   */
  @Test
  void restoringACompletedCheckpointWhoseNotificationWasLostPublishesItsRecordsOnce() throws Exception {
    SinkWriter<String> failed = sink.createWriter(context(0));
    failed.write("a", 0);
    failed.snapshotState(1);
    failed.write("b", 0);
    byte[] checkpoint2 = failed.snapshotState(2);
    failed.write("c", 0);
    failed.snapshotState(3); // never completes

    sink.createWriter(context(0)).restoreState(checkpoint2);
    assertThat(results()).containsExactly("a", "b");
    sink.createWriter(context(0)).restoreState(checkpoint2); // a second failure, same checkpoint
    assertThat(results()).containsExactly("a", "b");
    failed.notifyCheckpointComplete(2); // a late notification to the dead writer changes nothing either
    assertThat(results()).containsExactly("a", "b");
  }

  @Test
  void anAbortedCheckpointsRecordsArePublishedWithTheNextCompletedOne() throws Exception {
    SinkWriter<String> writer = sink.createWriter(context(1));
    writer.write("a", 0);
    writer.snapshotState(1);
    writer.notifyCheckpointAborted(1);
    writer.write("b", 0);
    writer.snapshotState(2);
    writer.notifyCheckpointComplete(2);
    assertThat(results()).containsExactly("a", "b");
  }

  private List<String> results() {
    return CollectSink.results(sink.id());
  }

  private static SinkContext context(int subtask) {
    return new SinkContext() {
      @Override
      public String jobName() {
        return "collect";
      }

      @Override
      public String jobId() {
        return "job";
      }

      @Override
      public int subtaskIndex() {
        return subtask;
      }

      @Override
      public int parallelism() {
        return 2;
      }

      @Override
      public int attemptNumber() {
        return 0;
      }

      @Override
      public ClassLoader userClassLoader() {
        return CollectSinkTest.class.getClassLoader();
      }
    };
  }
}
