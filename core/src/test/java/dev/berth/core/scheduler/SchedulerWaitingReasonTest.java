package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.JobState;
import dev.berth.api.JobTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Why a SCHEDULED job's run has not started: an executor's PENDING report with a reason (an Argo
 * pod left Pending because no GPU is free) becomes the job's message, without a history event, and
 * the move to RUNNING replaces it.
 */
class SchedulerWaitingReasonTest {
  private static final String NO_GPU = "waiting for a GPU: 0/3 nodes are available: 3 Insufficient nvidia.com/gpu.";

  private final ManualScheduler berth = ManualScheduler.builder().build();
  private final List<JobChange> changes = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aPendingReportShowsItsReasonOnTheScheduledJobWithoutAnEvent() {
    Job job = scheduledJob();
    int events = berth.store().events(job.id()).size();

    berth.pending(job.id(), NO_GPU);

    Job waiting = berth.job(job.id());
    assertThat(waiting.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(waiting.message()).isEqualTo(NO_GPU);
    assertThat(waiting.startedAt()).as("it has not started").isNull();
    assertThat(berth.store().events(job.id())).hasSize(events);
    assertThat(changes).as("announced, so live pages show it")
        .extracting(c -> c.job().message(), JobChange::from, JobChange::stateChanged)
        .containsExactly(tuple(NO_GPU, JobState.SCHEDULED, false));
  }

  @Test
  void theSameReasonAgainWritesNothingAndANewOneReplacesIt() {
    Job job = scheduledJob();

    berth.pending(job.id(), NO_GPU);
    berth.pending(job.id(), NO_GPU);
    berth.pending(job.id(), null);
    berth.pending(job.id(), " ");
    assertThat(changes).as("one write for a steady wait, none for a report without a reason").hasSize(1);

    berth.pending(job.id(), "pod pending: 0/3 nodes are available: 3 node(s) had untolerated taint.");
    assertThat(berth.job(job.id()).message()).startsWith("pod pending: ");
    assertThat(changes).hasSize(2);
  }

  @Test
  void theSweepShowsTheReasonOfARunThatPushedNothing() {
    Job job = scheduledJob();
    berth.executor().report(job.id(), ExecutionPhase.PENDING, null, NO_GPU); // no push: only a poll sees it

    berth.sweep();

    assertThat(berth.job(job.id()).message()).isEqualTo(NO_GPU);
    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void theMoveToRunningReplacesTheWaitingReason() {
    Job job = scheduledJob();
    berth.pending(job.id(), NO_GPU);

    berth.started(job.id());

    Job running = berth.job(job.id());
    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.message()).isEqualTo("running on node-a");
    assertThat(berth.store().events(job.id())).last()
        .extracting(JobEvent::to, JobEvent::message)
        .containsExactly(JobState.RUNNING, "running on node-a");
  }

  @Test
  void aJobThatNeverWaitedRunsWithoutAMessage() {
    Job job = scheduledJob();

    berth.started(job.id());

    assertThat(berth.job(job.id()).message()).isNull();
  }

  @Test
  void aPendingReportNeverTouchesAJobThatRunsOrEnded() {
    Job job = scheduledJob();
    berth.started(job.id());
    changes.clear();

    berth.pending(job.id(), NO_GPU);
    assertThat(berth.job(job.id()).message()).isNull();

    berth.finished(job.id(), 0);
    berth.pending(job.id(), NO_GPU);
    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.COMPLETED);
    assertThat(berth.job(job.id()).message()).isNull();
    assertThat(changes).extracting(JobChange::stateChanged).containsExactly(true);
  }

  @Test
  void pluginListenersHearOnlyOfStateChanges() throws Exception {
    List<JobEvent> heard = new CopyOnWriteArrayList<>();
    JobListener listener = (event, job) -> heard.add(event);
    try (JobChanges feed = new JobChanges(berth.store(), List.of(listener))) {
      Job job = scheduledJob();
      StateWriter writer = new StateWriter(berth.store(), feed);

      writer.changeMessage(job, NO_GPU);
      writer.move(job.id(), Set.of(JobState.SCHEDULED),
          JobTransition.to(JobState.RUNNING, berth.clock().instant(), "executor", "running on node-a"));
      feed.close(); // drains the listener thread

      assertThat(heard).extracting(JobEvent::to).containsExactly(JobState.RUNNING);
    }
  }

  /** A job the scheduler claimed on node-a and handed to the executor, whose run has not started. */
  private Job scheduledJob() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1);
    assertThat(berth.runPass()).isEqualTo(1);
    berth.changes().subscribe(changes::add);
    return berth.job(job.id());
  }
}
