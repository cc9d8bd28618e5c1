package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobFlow;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reports pushed together are applied as one round: each job read once, every move of the round in
 * one store call, and what cannot be planned on the state read applied after it, one by one.
 */
class ReconcilerRoundTest {
  private final ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(8).build();
  private final List<String> announced = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aRoundOfStartsAndEndsMovesEachJobInOrderAndAnnouncesEveryMove() {
    berth.idleGpus("node-a", 2);
    Job ann = berth.submit("ann", 1);
    Job bob = berth.submit("bob", 1);
    Job cid = berth.submit("cid", 1);
    assertThat(berth.runPass()).isEqualTo(2);
    berth.changes().subscribe(c -> announced.add(c.job().id() + " " + c.from() + ">" + c.job().state()));

    berth.reportRound(
        report(ann, ExecutionPhase.RUNNING, null),
        report(bob, ExecutionPhase.RUNNING, null),
        report(ann, ExecutionPhase.SUCCEEDED, 0),
        report(bob, ExecutionPhase.FAILED, 3));

    assertThat(berth.job(ann.id())).extracting(Job::state, Job::exitCode).containsExactly(JobState.COMPLETED, 0);
    assertThat(berth.job(bob.id())).extracting(Job::state, Job::message)
        .containsExactly(JobState.FAILED, "exit code 3");
    assertThat(berth.store().events(ann.id())).extracting(JobEvent::from, JobEvent::to).containsExactly(
        tuple(null, JobState.QUEUED), tuple(JobState.QUEUED, JobState.SCHEDULED),
        tuple(JobState.SCHEDULED, JobState.RUNNING), tuple(JobState.RUNNING, JobState.COMPLETED));
    assertThat(announced).as("each move once, a job's in its order").containsExactly(
        ann.id() + " SCHEDULED>RUNNING", ann.id() + " RUNNING>COMPLETED",
        bob.id() + " SCHEDULED>RUNNING", bob.id() + " RUNNING>FAILED");
    assertThat(berth.runPass()).as("the GPUs the ends freed").isEqualTo(1);
    assertThat(berth.job(cid.id()).state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void aFailureAtTheLimitBehindItsStartInTheSameRoundIsATimeOut() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1, Duration.ofMinutes(1));
    berth.runPass();
    ExecutionStatus started = report(job, ExecutionPhase.RUNNING, null);
    berth.advance(Duration.ofMinutes(1));

    berth.reportRound(started, report(job, ExecutionPhase.FAILED, 143));

    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.TIMED_OUT);
  }

  @Test
  void reportsOfAJobThatMovedBeforeTheRoundAreJudgedOnItsStoredState() {
    berth.idleGpus("node-a", 2);
    Job cancelled = berth.submit("ann", 1);
    Job running = berth.submit("bob", 1);
    berth.runPass();
    berth.started(running.id());
    berth.cancel(cancelled.id(), "ann");
    int callsBefore = berth.executor().calls().size();

    berth.reportRound(
        report(cancelled, ExecutionPhase.RUNNING, null),
        report(running, ExecutionPhase.RUNNING, null),
        report(running, ExecutionPhase.SUCCEEDED, 0));

    assertThat(berth.job(cancelled.id()).state()).isEqualTo(JobState.CANCELLED);
    List<String> calls = berth.executor().calls();
    assertThat(calls.subList(callsBefore, calls.size())).as("the run of a cancelled job is stopped again")
        .containsExactly("cancel " + cancelled.id());
    assertThat(berth.job(running.id()).state()).isEqualTo(JobState.COMPLETED);
    assertThat(berth.store().events(running.id())).hasSize(4);
  }

  @Test
  void aReportBehindAPlannedMoveThatIsNoMoveIsAppliedAfterTheRoundOnTheJobReadAgain() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1);
    berth.runPass();

    berth.reportRound(
        report(job, ExecutionPhase.SUCCEEDED, 0),
        report(job, ExecutionPhase.FAILED, 1));

    assertThat(berth.job(job.id())).extracting(Job::state, Job::exitCode).containsExactly(JobState.COMPLETED, 0);
    assertThat(berth.store().events(job.id())).hasSize(3);
  }

  @Test
  void aFailureWithRetriesLeftInARoundQueuesTheJobAgainAndALateReportOfThatAttemptChangesNothing() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit(new JobSubmission("flaky", "ann", "demo", Map.of(), 1, 0, 3600, null,
        new JobFlow(List.of(), null, null, null, 1, 1), false));
    berth.runPass();
    ExecutionStatus failed = report(job, ExecutionPhase.FAILED, 1);

    berth.reportRound(report(job, ExecutionPhase.RUNNING, null), failed);

    Job retried = berth.job(job.id());
    assertThat(retried).extracting(Job::state, Job::attempt, Job::message).containsExactly(JobState.QUEUED, 2,
        "attempt 1 failed (exit code 1); queued again as attempt 2 of 2");
    assertThat(berth.store().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED,
        JobState.SCHEDULED, JobState.RUNNING, JobState.QUEUED);

    berth.reportRound(failed);
    assertThat(berth.job(job.id())).as("attempt 1's end, heard again").isEqualTo(retried);
  }

  private ExecutionStatus report(Job job, ExecutionPhase phase, Integer exitCode) {
    return berth.executor().report(job.id(), phase, exitCode, null);
  }
}
