package io.rivulet.api.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines become visible only with the checkpoint that covers them, and a restore neither loses nor repeats them. */
class FileSinkTest {
  @TempDir
  Path dir;

  private SinkWriter<String> writer(int subtask) throws Exception {
    return new FileSink<String>(dir).createWriter(new SinkContext() {
      public String jobName() {
        return "j";
      }

      public String jobId() {
        return "id";
      }

      public int subtaskIndex() {
        return subtask;
      }

      public int parallelism() {
        return 2;
      }

      public int attemptNumber() {
        return 0;
      }

      public ClassLoader userClassLoader() {
        return getClass().getClassLoader();
      }
    });
  }

  @Test
  void linesAreCommittedByTheCheckpointThatCoversThem() throws Exception {
    SinkWriter<String> w = writer(0);
    w.write("a", 0);
    w.write("b", 0);
    w.snapshotState(1);
    w.write("c", 0);
    assertThat(FileSink.committedLines(dir)).isEmpty();
    w.notifyCheckpointComplete(1);
    assertThat(FileSink.committedLines(dir)).containsExactly("a", "b");
    w.finish();
    assertThat(FileSink.committedLines(dir)).as("staged at the end, not yet committed").containsExactly("a", "b");
    w.notifyCheckpointComplete(SinkWriter.END_OF_INPUT);
    assertThat(FileSink.committedLines(dir)).containsExactly("a", "b", "c");
  }

  @Test
  void restoreCommitsWhatTheCheckpointCoveredAndDropsWhatCameAfter() throws Exception {
    SinkWriter<String> w = writer(1);
    w.write("a", 0);
    byte[] state = w.snapshotState(1); // checkpoint 1 completes, but the notification never arrives
    w.write("lost-with-the-attempt", 0);
    w.snapshotState(2); // checkpoint 2 never completes
    w.write("also-lost", 0);
    w.close(); // the task fails

    SinkWriter<String> restored = writer(1);
    restored.restoreState(state);
    assertThat(FileSink.committedLines(dir)).containsExactly("a");
    restored.write("lost-with-the-attempt", 0); // replayed from the checkpoint
    restored.finish();
    restored.notifyCheckpointComplete(SinkWriter.END_OF_INPUT);
    assertThat(FileSink.committedLines(dir)).containsExactly("a", "lost-with-the-attempt");
  }
}
