package io.rivulet.runtime.operators;

import io.rivulet.api.connector.Sink;
import io.rivulet.api.connector.SinkContext;
import io.rivulet.api.connector.SinkWriter;
import java.util.Map;

/** Feeds records to a {@link SinkWriter} and passes checkpoint events through to it (two-phase commit). */
public final class SinkOperator<T> extends AbstractOperator<Object> implements OneInputOperator<T, Object> {
  private static final String STATE = "sink-writer";
  private final Sink<T> sink;
  private SinkWriter<T> writer;

  public SinkOperator(Sink<T> sink) {
    this.sink = sink;
  }

  @Override
  public void initializeState() throws Exception {
    writer = sink.createWriter(new SinkContext() {
      @Override
      public String jobName() {
        return context.jobName();
      }

      @Override
      public String jobId() {
        return context.jobId();
      }

      @Override
      public int subtaskIndex() {
        return context.subtaskIndex();
      }

      @Override
      public int parallelism() {
        return context.parallelism();
      }

      @Override
      public int attemptNumber() {
        return context.attemptNumber();
      }

      @Override
      public ClassLoader userClassLoader() {
        return context.userClassLoader();
      }
    });
    Map<String, byte[]> restored = context.restoredOperatorState();
    if (restored != null && restored.get(STATE) != null) {
      writer.restoreState(restored.get(STATE));
    }
  }

  @Override
  public void processElement(T value, long timestamp) throws Exception {
    writer.write(value, timestamp);
  }

  @Override
  public void processWatermark(long watermark) {
    currentWatermark = Math.max(currentWatermark, watermark);
    context.metrics().setCurrentWatermark(currentWatermark);
  }

  @Override
  public void finish() throws Exception {
    writer.finish();
  }

  @Override
  protected Map<String, byte[]> snapshotOperatorState(long checkpointId) throws Exception {
    byte[] state = writer.snapshotState(checkpointId);
    return state == null ? Map.of() : Map.of(STATE, state);
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    writer.notifyCheckpointComplete(checkpointId);
  }

  @Override
  public void notifyCheckpointAborted(long checkpointId) throws Exception {
    writer.notifyCheckpointAborted(checkpointId);
  }

  @Override
  public void close() throws Exception {
    if (writer != null) {
      writer.close();
    }
  }
}
