package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Dependency;
import dev.berth.api.DependencyCondition;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobFlow;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.core.jobs.JobView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dependencies, arrays, holds and retries, pass by pass on a settable clock. */
class SchedulerFlowTest {
  private final ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(8).build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aJobWaitingForADependencyIsPassedOverAndStartsOnceItIsMet() {
    berth.idleGpus("ws", 2);
    Job a = berth.submit("alice", 1, Duration.ofHours(1));
    Job b = berth.submit(dependent("alice", a, DependencyCondition.SUCCEEDED));
    Job c = berth.submit("bob", 1, Duration.ofHours(1));

    assertThat(berth.runPass()).isEqualTo(2);
    assertThat(berth.job(b.id()).state()).isEqualTo(JobState.QUEUED);
    assertThat(berth.job(c.id()).state()).as("bob's job is not held up behind b").isEqualTo(JobState.SCHEDULED);
    JobView waiting = berth.view(b.id());
    assertThat(waiting.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.DEPENDENCY);
    assertThat(waiting.waitingReasons().get(0).message()).isEqualTo("waits for job " + a.id()
        + " to have succeeded; it is QUEUED"); // as the pass that also claimed it found it
    assertThat(waiting.estimatedStartAt()).isNull();

    berth.started(a.id());
    berth.finished(a.id(), 0);
    berth.finished(c.id(), 0);
    berth.idleGpus("ws", 2);
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.job(b.id()).state()).isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void aChainWhoseFirstJobFailsCancelsTheAfterOkJobAndRunsTheAfterAnyJob() {
    berth.idleGpus("ws", 2);
    Job a = berth.submit("alice", 1, Duration.ofHours(1));
    Job b = berth.submit(dependent("alice", a, DependencyCondition.SUCCEEDED));
    Job c = berth.submit(dependent("alice", b, DependencyCondition.ENDED));

    berth.runPass();
    berth.started(a.id());
    berth.finished(a.id(), 3);
    berth.idleGpus("ws", 2);
    berth.runPass();

    Job cancelled = berth.job(b.id());
    assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
    assertThat(cancelled.message()).isEqualTo("dependency on job " + a.id()
        + " (succeeded) can never be met: job " + a.id() + " ended FAILED");
    berth.runPass();
    assertThat(berth.job(c.id()).state()).as("afterany runs after a cancelled dependency").isEqualTo(JobState.SCHEDULED);
  }

  @Test
  void aHeldJobWithADependencyThatCanNeverBeMetIsCancelledToo() {
    berth.idleGpus("ws", 1);
    Job a = berth.submit("alice", 1, Duration.ofHours(1));
    JobSubmission s = dependent("alice", a, DependencyCondition.FAILED);
    Job held = berth.submit(new JobSubmission(s.name(), s.user(), s.template(), s.parameters(), s.gpus(),
        s.priority(), s.timeLimitSeconds(), null, s.flow(), true));
    assertThat(held.state()).isEqualTo(JobState.HELD);

    berth.runPass();
    berth.started(a.id());
    berth.finished(a.id(), 0);
    berth.runPass();

    assertThat(berth.job(held.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(berth.job(held.id()).message()).contains("ended COMPLETED");
  }

  @Test
  void anArrayNeverRunsMoreThanItsCapAndEveryElementCompletes() {
    berth.idleGpus("ws", 8);
    List<JobSubmission> elements = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      elements.add(new JobSubmission("sweep", "alice", "demo", Map.of(), 1, 0, 3600, null,
          new JobFlow(List.of(), null, i, 2, 0, 1), false));
    }
    List<Job> array = berth.store().enqueueAll(elements, berth.clock().instant());
    Job other = berth.submit("bob", 1, Duration.ofHours(1));

    int peak = 0;
    for (int round = 0; round < 10; round++) {
      berth.idleGpus("ws", 8);
      berth.runPass();
      List<Job> running = active(array);
      peak = Math.max(peak, running.size());
      for (Job j : running) {
        berth.started(j.id());
        berth.finished(j.id(), 0);
      }
    }

    assertThat(peak).isEqualTo(2);
    assertThat(array).allMatch(j -> berth.job(j.id()).state() == JobState.COMPLETED);
    assertThat(berth.job(other.id()).state()).as("the array's cap holds nobody else back").isNotEqualTo(JobState.QUEUED);
  }

  @Test
  void firstComeFirstServedLooksPastACappedArrayLongerThanAWindow() {
    berth.idleGpus("ws", 8);
    List<List<Job>> arrays = new ArrayList<>();
    for (String user : List.of("alice", "bob")) {
      List<JobSubmission> elements = new ArrayList<>();
      for (int i = 0; i < Scheduler.WINDOW + 100; i++) {
        elements.add(new JobSubmission("long sweep", user, "demo", Map.of(), 1, 0, 3600, null,
            new JobFlow(List.of(), null, i, 2, 0, 1), false));
      }
      arrays.add(berth.store().enqueueAll(elements, berth.clock().instant()));
    }
    Job single = berth.submit("cid", 1, Duration.ofHours(1));

    assertThat(berth.runPass()).isEqualTo(5);

    assertThat(active(arrays.get(0))).hasSize(2);
    assertThat(active(arrays.get(1))).as("bob's array, past a window of alice's").hasSize(2);
    assertThat(berth.job(single.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(berth.view(arrays.get(0).get(300).id()).waitingReasons()).extracting(WaitingReason::code)
        .containsExactly(ReasonCode.ARRAY_LIMIT);
    berth.advance(Duration.ofSeconds(1));
    berth.idleGpus("ws", 3);
    assertThat(berth.runPass()).as("a pass with nothing to start").isZero();
  }

  @Test
  void atItsCapTheNextElementSaysSoWithItsCode() {
    berth.idleGpus("ws", 8);
    List<Job> array = berth.store().enqueueAll(List.of(
        new JobSubmission("a", "alice", "demo", Map.of(), 1, 0, 3600, null, new JobFlow(List.of(), null, 0, 1, 0, 1), false),
        new JobSubmission("a", "alice", "demo", Map.of(), 1, 0, 3600, null, new JobFlow(List.of(), null, 1, 1, 0, 1), false)),
        berth.clock().instant());

    assertThat(berth.runPass()).isEqualTo(1);

    JobView second = berth.view(array.get(1).id());
    assertThat(second.waitingReasons()).extracting(WaitingReason::code).containsExactly(ReasonCode.ARRAY_LIMIT);
    assertThat(second.waitingReasons().get(0).message())
        .isEqualTo("array " + array.get(0).id() + " has 1 of 1 jobs running, the most it allows at once (%1)");
  }

  @Test
  void aReleasedJobGoesBackToItsPlaceInARankedQueue() {
    ManualScheduler ranked = ManualScheduler.builder().maxRunningJobs(1).order(new FairShareOrder()).build();
    try {
      ranked.idleGpus("ws", 1);
      Job first = ranked.submit("alice", 1, Duration.ofHours(1));
      Job second = ranked.submit("bob", 1, Duration.ofHours(1));
      ranked.flows().hold(first.id(), "alice");
      ranked.runPass();
      assertThat(ranked.job(second.id()).state()).isEqualTo(JobState.SCHEDULED);

      ranked.started(second.id());
      ranked.finished(second.id(), 0);
      Job third = ranked.submit("cid", 1, Duration.ofHours(1));
      ranked.flows().release(first.id(), "alice");
      ranked.idleGpus("ws", 1);
      ranked.runPass();

      assertThat(ranked.job(first.id()).state()).as("released, it is ahead of the later job").isEqualTo(JobState.SCHEDULED);
      assertThat(ranked.job(third.id()).state()).isEqualTo(JobState.QUEUED);
    } finally {
      ranked.close();
    }
  }

  @Test
  void aFailedRunWithRetriesLeftIsQueuedAgainAsItsNextAttemptAndSucceeds() {
    berth.idleGpus("ws", 1);
    Job job = berth.submit(new JobSubmission("flaky", "alice", "demo", Map.of(), 1, 0, 3600, null,
        new JobFlow(List.of(), null, null, null, 2, 1), false));

    for (int attempt = 1; attempt <= 2; attempt++) {
      berth.idleGpus("ws", 1);
      assertThat(berth.runPass()).isEqualTo(1);
      berth.started(job.id());
      berth.finished(job.id(), 1);
      Job retried = berth.job(job.id());
      assertThat(retried.state()).isEqualTo(JobState.QUEUED);
      assertThat(retried.attempt()).isEqualTo(attempt + 1);
      assertThat(retried.message()).isEqualTo("attempt " + attempt + " failed (exit code 1); queued again as attempt "
          + (attempt + 1) + " of 3");
    }
    berth.idleGpus("ws", 1);
    assertThat(berth.runPass()).isEqualTo(1);
    berth.started(job.id());
    berth.finished(job.id(), 0);

    Job done = berth.job(job.id());
    assertThat(done.state()).isEqualTo(JobState.COMPLETED);
    assertThat(done.attempt()).isEqualTo(3);
    assertThat(berth.executor().calls()).containsExactly("submit " + job.id(), "submit " + job.id(), "submit " + job.id());
    assertThat(berth.store().events(job.id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED,
        JobState.SCHEDULED, JobState.RUNNING, JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING, JobState.QUEUED,
        JobState.SCHEDULED, JobState.RUNNING, JobState.COMPLETED);
  }

  @Test
  void theLastAllowedFailureEndsTheJobFailedAndALateReportOfAnOldAttemptChangesNothing() {
    berth.idleGpus("ws", 1);
    Job job = berth.submit(new JobSubmission("flaky", "alice", "demo", Map.of(), 1, 0, 3600, null,
        new JobFlow(List.of(), null, null, null, 1, 1), false));
    berth.runPass();
    berth.started(job.id());
    berth.finished(job.id(), 1);
    Job retried = berth.job(job.id());
    assertThat(retried.attempt()).isEqualTo(2);

    berth.report(new dev.berth.api.ExecutionStatus(job.id(), "run-" + job.id(), dev.berth.api.ExecutionPhase.FAILED,
        1, null, berth.clock().instant(), berth.clock().instant(), 1));
    assertThat(berth.job(job.id())).as("attempt 1's end, heard again").isEqualTo(retried);

    berth.idleGpus("ws", 1);
    berth.runPass();
    berth.started(job.id());
    berth.finished(job.id(), 9);
    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(berth.job(job.id()).message()).isEqualTo("exit code 9");
  }

  private List<Job> active(List<Job> array) {
    return array.stream().map(j -> berth.job(j.id())).filter(j -> j.state().isActive()).toList();
  }

  private static JobSubmission dependent(String user, Job on, DependencyCondition when) {
    return new JobSubmission("after " + on.id(), user, "demo", Map.of(), 1, 0, 3600, null,
        new JobFlow(List.of(new Dependency(on.id(), when)), null, null, null, 0, 1), false);
  }
}
