package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.Placement;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from claim to executor and back: a cancel that lands in between, a refusal, a job
 * left SCHEDULED by a process that died, and a run the executor forgot.
 */
class SchedulerHandOverTest {
  private ManualScheduler berth = ManualScheduler.builder().build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void aCancelBetweenClaimAndSubmitStopsTheRunOnceItExists() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1);
    Job next = berth.submit("bob", 1);
    berth.executor().beforeSubmit(j -> berth.cancel(j.id(), "ann"));

    berth.runPass();

    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(berth.executor().calls())
        .as("the cancel found no run; the scheduler stops the one its submit then made")
        .containsExactly("submit " + job.id(), "cancel " + job.id(), "cancel " + job.id());

    berth.executor().beforeSubmit(j -> {});
    berth.stopped(job.id());
    assertThat(berth.job(job.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(berth.runPass()).as("the cancelled job's slot is free").isEqualTo(1);
    assertThat(berth.executor().submittedIds()).containsExactly(job.id(), next.id());
  }

  @Test
  void aQueuedJobCancelledBeforeAPassNeverReachesTheExecutor() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1);
    Job next = berth.submit("bob", 1);

    berth.cancel(job.id(), "ann");
    berth.runPass();

    assertThat(berth.executor().calls()).containsExactly("submit " + next.id());
  }

  @Test
  void anExecutorRefusalFailsTheJobWithTheReasonAndTheNextOneStarts() {
    berth.idleGpus("node-a", 1);
    Job refused = berth.submit("ann", 1);
    Job next = berth.submit("bob", 1);
    berth.executor().refuseNext("template demo is not installed on this cluster");

    berth.runPass();
    Job failed = berth.job(refused.id());
    assertThat(failed.state()).isEqualTo(JobState.FAILED);
    assertThat(failed.message()).isEqualTo("could not start: template demo is not installed on this cluster");

    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.executor().submittedIds()).containsExactly(next.id());
  }

  @Test
  void aJobLeftScheduledByAProcessThatDiedIsHandedOverAgainNotClaimedAgain() throws Exception {
    InMemoryQueueStore store = new InMemoryQueueStore();
    berth.close();
    berth = ManualScheduler.builder().store(store).build();
    berth.idleGpus("node-a", 1);
    Job orphan = berth.submit("ann", 1);
    Job next = berth.submit("bob", 1);
    store.claim(orphan.id(), new Placement("node-a", List.of(0)), Instant.EPOCH, "scheduler").orElseThrow();

    berth.sweep(); // the first sweep after a start: every SCHEDULED job may have been lost
    berth.runPass();

    assertThat(berth.executor().submittedIds()).containsExactly(orphan.id());
    assertThat(berth.job(orphan.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(store.events(orphan.id())).as("claimed once, by the process that died").hasSize(2);
    assertThat(berth.waiting().blockedJobId()).as("the adopted job holds the only slot").isEqualTo(next.id());
  }

  @Test
  void aRunningJobTheExecutorNoLongerKnowsFailsAsLostOnTheSweep() {
    berth.idleGpus("node-a", 1);
    Job job = berth.submit("ann", 1);
    berth.runPass();
    berth.started(job.id());
    berth.executor().forget(job.id());

    berth.sweep();

    Job lost = berth.job(job.id());
    assertThat(lost.state()).isEqualTo(JobState.FAILED);
    assertThat(lost.message()).startsWith("lost: the executor has no record of this job");
  }
}
