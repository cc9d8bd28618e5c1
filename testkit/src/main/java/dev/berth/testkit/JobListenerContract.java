package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.JobState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link JobListener} must do with no channel configured: hear every kind of change
 * (submission included) without throwing, since the host retries a throw and counts it as a failed
 * delivery. An implementation's test extends this class and builds the listener with its default
 * (empty) configuration; its own tests cover what it sends.
 */
public abstract class JobListenerContract {
  private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

  @TempDir protected Path workDir;

  /** The listener under test, with no channel configured. */
  protected abstract JobListener createListener(Path workDir);

  @Test
  void hearsEveryChangeWithoutThrowing() {
    JobListener listener = createListener(workDir);
    JobState from = null;
    long sequence = 1;
    for (JobState to : List.of(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING, JobState.COMPLETED,
        JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED)) {
      Job job = JobBuilder.job("7").state(to).submittedAt(AT).build();
      JobEvent event = new JobEvent("7", sequence++, AT, from, to, "test", null);
      assertThatCode(() -> listener.onEvent(event, job)).as("event %s", to).doesNotThrowAnyException();
      from = to;
    }
  }
}
