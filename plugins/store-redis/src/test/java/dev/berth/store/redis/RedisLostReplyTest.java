package dev.berth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Claim;
import dev.berth.api.Enqueued;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import dev.berth.testkit.RedisServerProcess;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call whose command Redis ran but whose reply never arrived (the connection cut in between) is
 * sent again on a fresh connection when that is safe, and nothing is applied twice: an enqueue
 * finds its own token and answers the job it added, a claim finds the job taken and says so.
 */
class RedisLostReplyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final JobSubmission SUBMISSION = new JobSubmission("j", "ann", "demo", Map.of("seconds", "1"), 0, 0);

  @TempDir Path dir;
  private RedisServerProcess redis;
  private CuttingProxy proxy;
  private RedisQueueStore store;

  @BeforeEach
  void open() {
    redis = RedisServerProcess.start(dir.resolve("redis"), RedisServerProcess.Options.durable());
    proxy = CuttingProxy.start(redis.port());
    store = RedisTestStores.storeWithoutIdleTests(redis, dir, "berth:", Map.of("url", proxy.url()));
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    proxy.close();
    redis.close();
  }

  @Test
  void anEnqueueWhoseReplyIsLostIsRepeatedAndAddsExactlyOneJob() {
    store.enqueue(SUBMISSION, T0);

    proxy.cutNextReply();
    Job job = store.enqueue(SUBMISSION, T0.plusSeconds(1));

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(job.id()).isEqualTo("2");
    assertThat(store.get("2")).contains(job);
    assertThat(store.list(JobQuery.queued(10)).jobs()).extracting(Job::id).containsExactly("1", "2");
    assertThat(store.events("2")).hasSize(1);
  }

  @Test
  void aRepeatedEnqueueCallAddsNoSecondJob() {
    Enqueued first = store.enqueue(SUBMISSION, T0, "call-1");
    Enqueued again = store.enqueue(SUBMISSION, T0, "call-1");
    Enqueued other = store.enqueue(SUBMISSION, T0, "call-2");

    assertThat(again).as("the same job and the same place").isEqualTo(first);
    assertThat(other.job().id()).isEqualTo("2");
    assertThat(other.queuedBefore()).isEqualTo(1);
    assertThat(store.countByState()).containsEntry(JobState.QUEUED, 2L);
  }

  /** The documented cost of repeating a compare-and-set: the caller hears "not claimed" for a claim it made. */
  @Test
  void aClaimWhoseReplyIsLostIsAppliedOnceAndReportedAsNotClaimed() {
    Placement placement = new Placement("n", List.of(0));
    store.claim(store.enqueue(SUBMISSION, T0).id(), placement, T0, "scheduler"); // Redis has the script now
    Job job = store.enqueue(SUBMISSION, T0);

    proxy.cutNextReply();
    List<Job> claimed = store.claimAll(List.of(new Claim(job.id(), placement)), T0, "scheduler", 0);

    assertThat(proxy.cuts()).isEqualTo(1);
    assertThat(claimed).isEmpty();
    Job stored = store.get(job.id()).orElseThrow();
    assertThat(stored.state()).isEqualTo(JobState.SCHEDULED);
    assertThat(stored.placement()).isEqualTo(placement);
    assertThat(store.events(job.id())).extracting(JobEvent::to).containsExactly(JobState.QUEUED, JobState.SCHEDULED);
  }
}
