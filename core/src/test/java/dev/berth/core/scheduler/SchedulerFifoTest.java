package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuVerdict;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.NodeVerdict;
import dev.berth.api.AvailabilityVerdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Today's rule, pass by pass: first come, first served, strictly (the head job that cannot start
 * holds every job behind it), at most maxRunningJobs at once, and the head job's reasons.
 */
class SchedulerFifoTest {
  private ManualScheduler berth = ManualScheduler.builder().build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void withTheDefaultsJobsRunOneAfterAnotherInSubmissionOrder() {
    berth.idleGpus("node-a", 2);
    Job first = berth.submit("ann", 1);
    Job second = berth.submit("bob", 1);

    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.executor().submittedIds()).containsExactly(first.id());
    assertThat(berth.job(first.id()).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(berth.waiting().blockedJobId()).isEqualTo(second.id());
    assertThat(berth.reasons())
        .containsExactly("waiting for a free run slot: 1 of 1 in use (scheduler.maxRunningJobs = 1)");

    berth.started(first.id());
    assertThat(berth.runPass()).as("a running job still holds the only slot").isZero();

    berth.finished(first.id(), 0);
    assertThat(berth.job(first.id()).state()).isEqualTo(JobState.COMPLETED);
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.executor().submittedIds()).containsExactly(first.id(), second.id());
    assertThat(berth.waiting()).isEqualTo(SchedulerStatus.IDLE);
  }

  @Test
  void priorityPlaysNoPartUnderFirstComeFirstServed() {
    berth.idleGpus("node-a", 1);
    Job low = berth.submit(new JobSubmission("low", "ann", "demo", Map.of(), 1, -1000));
    berth.submit(new JobSubmission("high", "bob", "demo", Map.of(), 1, 1000));

    berth.runPass();

    assertThat(berth.executor().submittedIds()).containsExactly(low.id());
  }

  @Test
  void maxRunningJobsCapsHowManyStartInOnePassAndAnEndFreesASlot() {
    berth.maxRunningJobs(3);
    berth.idleGpus("node-a", 8);
    List<Job> jobs = List.of(berth.submit("ann", 1), berth.submit("ann", 1), berth.submit("bob", 1),
        berth.submit("cid", 1), berth.submit("dot", 1));

    assertThat(berth.runPass()).isEqualTo(3);
    assertThat(berth.waiting().blockedJobId()).isEqualTo(jobs.get(3).id());
    assertThat(berth.reasons())
        .containsExactly("waiting for a free run slot: 3 of 3 in use (scheduler.maxRunningJobs = 3)");

    berth.finished(jobs.get(1).id(), 1);
    assertThat(berth.job(jobs.get(1).id()).state()).isEqualTo(JobState.FAILED);
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.executor().submittedIds())
        .containsExactly(jobs.get(0).id(), jobs.get(1).id(), jobs.get(2).id(), jobs.get(3).id());
  }

  @Test
  void theHeadJobThatDoesNotFitHoldsBackSmallerJobsBehindIt() {
    berth.maxRunningJobs(4);
    berth.idleGpus("node-a", 2);
    Job running = berth.submit("ann", 1);
    berth.runPass();
    Job wide = berth.submit("bob", 2);
    Job small = berth.submit("cid", 1);

    assertThat(berth.runPass()).as("no backfill: the free GPU stays free").isZero();

    assertThat(berth.waiting().blockedJobId()).isEqualTo(wide.id());
    assertThat(berth.reasons()).containsExactly("GPU 0 is reserved by job " + running.id());
    assertThat(berth.job(small.id()).state()).isEqualTo(JobState.QUEUED);

    berth.finished(running.id(), 0);
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.job(wide.id()).placement().gpus()).containsExactly(0, 1);
    assertThat(berth.reasons()).containsExactly(
        "GPU 0 is reserved by job " + wide.id(), "GPU 1 is reserved by job " + wide.id());
  }

  @Test
  void theHeadJobsReasonsSayWhyItWaits() {
    Job job = berth.submit("ann", 1);

    berth.runPass();
    assertThat(berth.reasons()).containsExactly("waiting for the first resource sample");

    berth.resources(new dev.berth.api.NodeResources("node-a", 5.0, 20.0, List.of(), List.of("nvidia-smi: not found")));
    berth.runPass();
    assertThat(berth.reasons()).containsExactly("no GPU detected", "nvidia-smi: not found");

    berth.idleGpus("node-a", 1);
    berth.runPass();
    assertThat(berth.executor().submittedIds()).containsExactly(job.id());
  }

  @Test
  void aPolicysObjectionIsTheReasonAndABrokenPolicyBlocksNamingItsPlugin() throws Exception {
    berth.close();
    berth = ManualScheduler.builder()
        .policy("busy-gpu-0", s -> new AvailabilityVerdict(List.of(new NodeVerdict("node-a", List.of(),
            List.of(new GpuVerdict(0, List.of("GPU 0 utilization 93 % ≥ 80 %")), new GpuVerdict(1, List.of()))))))
        .build();
    berth.idleGpus("node-a", 2);
    Job wide = berth.submit("ann", 2);
    Job small = berth.submit("bob", 1);

    berth.runPass();
    assertThat(berth.waiting().blockedJobId()).isEqualTo(wide.id());
    assertThat(berth.reasons()).containsExactly("GPU 0 utilization 93 % ≥ 80 %");
    assertThat(berth.job(small.id()).state()).isEqualTo(JobState.QUEUED);

    berth.close();
    berth = ManualScheduler.builder()
        .policy("crashy", s -> {
          throw new IllegalStateException("boom");
        })
        .build();
    berth.idleGpus("node-a", 2);
    berth.submit("ann", 1);
    berth.runPass();
    assertThat(berth.executor().submittedIds()).isEmpty();
    assertThat(berth.reasons()).singleElement().asString()
        .startsWith("policy 'crashy' failed").contains("boom");
  }
}
