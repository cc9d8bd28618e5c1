package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.berth.api.HasSettings;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.JobState;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link JobListener} must do, whatever it does with the events. The host calls a
 * listener on its one listener thread, after the store committed the change, and one listener's
 * exception never stops another or the change itself; so the contract is about the listener being
 * a good neighbour:
 *
 * <ul>
 *   <li>it hears every well-formed event without throwing: the submission ({@code from} null), every
 *       transition {@link JobState#canTransitionTo} allows, every terminal state, and jobs with
 *       every optional field empty (no name, placement, exit code, message or actor);
 *   <li>it hears an event for a job it never heard of (the process restarted mid-job, or the
 *       listener was installed later);
 *   <li>it hears a long burst in order without throwing (slow work goes to its own executor);
 *   <li>an {@link AutoCloseable} listener closes without error, and a second close is harmless;
 *   <li>settings it declares are its plugin's own section, and every default passes the host's
 *       validation.
 * </ul>
 *
 * <p>An implementation's test extends this class and builds the listener with its default
 * configuration, using {@link #context(String, Map)} for its {@code PluginContext} so the suite
 * treats settings as the host does:
 *
 * <pre>{@code
 * class MyListenerContractTest extends JobListenerContract {
 *   protected JobListener createListener(Path workDir) {
 *     return new MyListener(context("my-listener", Map.of()));
 *   }
 * }
 * }</pre>
 */
public abstract class JobListenerContract {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  /** A fresh directory per test, for the listener's data dir if it needs one. */
  @TempDir protected Path workDir;

  private TestPluginContext context;
  private JobListener listener;

  /** The listener under test, with its default configuration. */
  protected abstract JobListener createListener(Path workDir);

  /**
   * A context for the listener under test, on {@link #workDir} with a settable clock; the suite
   * declares the listener's settings on it as the host would.
   */
  protected final TestPluginContext context(String pluginId, Map<String, Object> config) {
    context = new TestPluginContext(pluginId, config, new SettableClock(T0), workDir.resolve("data"));
    return context;
  }

  private JobListener listener() {
    if (listener == null) {
      listener = createListener(workDir);
      if (context != null) {
        context.declareFrom(listener);
      }
    }
    return listener;
  }

  @AfterEach
  void closeListener() throws Exception {
    if (listener instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Test
  void hearsAWholeLifeFromSubmissionToCompletion() {
    JobListener l = listener();
    Job queued = JobBuilder.job("job-1").user("alice").gpus(1).submittedAt(T0).build();
    Job scheduled = JobBuilder.from(queued).state(JobState.SCHEDULED).scheduledOn("gpu-1", List.of(0), T0.plusSeconds(1)).build();
    Job running = JobBuilder.from(scheduled).state(JobState.RUNNING).startedAt(T0.plusSeconds(2)).build();
    Job done = JobBuilder.from(running).state(JobState.COMPLETED).finishedAt(T0.plusSeconds(60)).exitCode(0).build();

    assertThatCode(() -> {
      l.onEvent(event(queued, 1, null, JobState.QUEUED), queued);
      l.onEvent(event(scheduled, 2, JobState.QUEUED, JobState.SCHEDULED), scheduled);
      l.onEvent(event(running, 3, JobState.SCHEDULED, JobState.RUNNING), running);
      l.onEvent(event(done, 4, JobState.RUNNING, JobState.COMPLETED), done);
    }).doesNotThrowAnyException();
  }

  @Test
  void hearsEveryAllowedTransition() {
    JobListener l = listener();
    long sequence = 1;
    for (JobState from : JobState.values()) {
      for (JobState to : JobState.values()) {
        if (!from.canTransitionTo(to)) {
          continue;
        }
        Job job = JobBuilder.job("job-" + from + "-" + to).user("bob").state(to).submittedAt(T0)
            .message(to.isTerminal() ? "ended " + to : null).build();
        JobEvent event = event(job, sequence++, from, to);
        assertThatCode(() -> l.onEvent(event, job)).as(from + " → " + to).doesNotThrowAnyException();
      }
    }
  }

  @Test
  void hearsAJobWithEveryOptionalFieldEmpty() {
    JobListener l = listener();
    Job sparse = JobBuilder.job("job-sparse").user("carol").name(null).parameters(Map.of()).gpus(0)
        .state(JobState.CANCELLED).submittedAt(T0).build();
    JobEvent event = new JobEvent("job-sparse", 2, T0, JobState.QUEUED, JobState.CANCELLED, null, null);

    assertThatCode(() -> l.onEvent(event, sparse)).doesNotThrowAnyException();
  }

  @Test
  void hearsAJobItNeverHeardOf() {
    JobListener l = listener();
    Job job = JobBuilder.job("job-from-before-a-restart").user("dave").state(JobState.FAILED).submittedAt(T0)
        .exitCode(137).message("killed").build();

    assertThatCode(() -> l.onEvent(event(job, 7, JobState.RUNNING, JobState.FAILED), job)).doesNotThrowAnyException();
  }

  @Test
  void hearsALongBurstInOrder() {
    JobListener l = listener();
    assertThatCode(() -> {
      for (int i = 0; i < 500; i++) {
        Job job = JobBuilder.job("burst-" + i).user("erin").submittedAt(T0.plusMillis(i)).build();
        l.onEvent(event(job, 1, null, JobState.QUEUED), job);
      }
    }).doesNotThrowAnyException();
  }

  @Test
  void closesTwiceWithoutError() throws Exception {
    JobListener l = listener();
    if (l instanceof AutoCloseable c) {
      c.close();
      assertThatCode(c::close).as("a second close").doesNotThrowAnyException();
    }
  }

  @Test
  void declaredSettingsAreThePluginsOwnAndTheirDefaultsValidate() {
    JobListener l = listener();
    if (l instanceof HasSettings h) {
      SettingsSchema schema = h.settingsSchema();
      if (context != null) {
        assertThat(schema.ownerProblem(context.pluginId())).isNull();
      }
      Map<String, String> defaults = new java.util.LinkedHashMap<>();
      schema.settings().forEach(d -> defaults.put(d.key(), d.defaultValue()));
      assertThat(schema.validate(defaults).errors()).as("defaults the host would refuse").isEmpty();
      assertThat(schema.settings()).extracting(SettingDescriptor::description).allSatisfy(d -> assertThat(d).isNotBlank());
    }
  }

  /** The history entry for {@code job}'s change, by the system at the job's own time. */
  protected static JobEvent event(Job job, long sequence, JobState from, JobState to) {
    return new JobEvent(job.id(), sequence, T0.plusSeconds(sequence), from, to, from == null ? job.user() : "system",
        to.isTerminal() ? "finished " + to.name().toLowerCase(java.util.Locale.ROOT) : null);
  }
}
