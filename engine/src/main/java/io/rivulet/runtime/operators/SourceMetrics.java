package io.rivulet.runtime.operators;

import io.rivulet.api.connector.SourceReaderMetrics;

/**
 * What a source reader reports about its subtask, read by metrics reporters (the task runtime binds it to a
 * gauge). Plain fields: the reader writes from its task or fetch thread, reporters read a possibly stale value.
 */
public final class SourceMetrics implements SourceReaderMetrics {
  /** Records not read yet; negative: not reported (the source does not know, or is not a Kafka-like source). */
  private volatile long lag = -1;

  @Override
  public void setLag(long records) {
    this.lag = records;
  }

  /** The last reported lag in records, or a negative number if none was reported. */
  public long lag() {
    return lag;
  }
}
