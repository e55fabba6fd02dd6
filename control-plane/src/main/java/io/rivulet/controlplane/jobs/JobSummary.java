package io.rivulet.controlplane.jobs;

import io.rivulet.runtime.jobmaster.SubtaskState;
import io.rivulet.runtime.jobmaster.JobStatus;
import java.util.Map;

/**
 * One line of the job list.
 *
 * @param startTime epoch millis when the job was submitted
 * @param endTime epoch millis when it ended, or -1 while it runs
 * @param taskCounts subtasks per state (all states present, zeros included)
 */
public record JobSummary(String id, String name, JobStatus state, long startTime, long endTime,
    Map<SubtaskState, Integer> taskCounts) {

  /** Run time so far, or in total once ended (Flink's "duration"). */
  public long durationMillis(long now) {
    return (endTime >= 0 ? endTime : now) - startTime;
  }
}
