package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.Placement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where jobs go: one job per GPU, held by reservations rather than readings, and best fit across nodes. */
class SchedulerPlacementTest {
  private final ManualScheduler berth = ManualScheduler.builder().maxRunningJobs(8).build();

  @AfterEach
  void close() throws Exception {
    berth.close();
  }

  @Test
  void theNodeWithTheFewestFreeGpusThatFitsIsChosen() {
    berth.resources(SettableProbe.idleNode("node-a", 4), SettableProbe.idleNode("node-b", 2));
    Job small = berth.submit("ann", 1);
    Job whole = berth.submit("bob", 4);
    Job another = berth.submit("cid", 1);

    assertThat(berth.runPass()).isEqualTo(3);

    assertThat(berth.job(small.id()).placement()).isEqualTo(new Placement("node-b", List.of(0)));
    assertThat(berth.job(whole.id()).placement()).isEqualTo(new Placement("node-a", List.of(0, 1, 2, 3)));
    assertThat(berth.job(another.id()).placement()).isEqualTo(new Placement("node-b", List.of(1)));
    assertThat(berth.executor().submitted()).extracting(Job::placement)
        .as("the executor gets the placement the store holds")
        .containsExactly(berth.job(small.id()).placement(), berth.job(whole.id()).placement(),
            berth.job(another.id()).placement());
  }

  @Test
  void aGpuHeldByAnActiveJobIsNotGivenAgainThoughTheProbeStillSeesItIdle() {
    berth.idleGpus("node-a", 2);
    Job first = berth.submit("ann", 1);
    Job second = berth.submit("bob", 1);
    Job third = berth.submit("cid", 1);

    assertThat(berth.runPass()).isEqualTo(2);
    berth.idleGpus("node-a", 2); // a new sample: the jobs have not allocated memory yet
    assertThat(berth.runPass()).isZero();

    assertThat(berth.job(first.id()).placement().gpus()).containsExactly(0);
    assertThat(berth.job(second.id()).placement().gpus()).containsExactly(1);
    assertThat(berth.waiting().blockedJobId()).isEqualTo(third.id());
    assertThat(berth.reasons()).containsExactly(
        "GPU 0 is reserved by job " + first.id(), "GPU 1 is reserved by job " + second.id());

    berth.started(second.id());
    berth.finished(second.id(), 0);
    assertThat(berth.runPass()).isEqualTo(1);
    assertThat(berth.job(third.id()).placement().gpus()).as("the GPU the ended job freed").containsExactly(1);
  }

  @Test
  void aCpuOnlyJobNeedsOnlyAnEligibleHost() {
    berth.idleGpus("node-a", 1);
    Job gpu = berth.submit("ann", 1);
    Job cpu = berth.submit("bob", 0);

    assertThat(berth.runPass()).isEqualTo(2);

    assertThat(berth.job(gpu.id()).placement()).isEqualTo(new Placement("node-a", List.of(0)));
    assertThat(berth.job(cpu.id()).placement()).isEqualTo(new Placement("node-a", List.of()));
  }

  @Test
  void aJobWiderThanEveryNodeSaysSo() {
    berth.idleGpus("node-a", 2);
    berth.submit("ann", 4);

    berth.runPass();

    assertThat(berth.reasons()).containsExactly("has 2 GPU(s); the job needs 4");
  }
}
