package dev.berth.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.JobSubmission;
import dev.berth.api.OrderContext;
import dev.berth.api.QueueOrder;
import dev.berth.api.Settings;
import dev.berth.api.UserUsage;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The ranking kept between passes answers what ranking the index afresh under the same scores
 * answers, whatever jobs arrived, left or came back meanwhile, and whenever the scores were taken
 * again: the merge of the users' queues by their first jobs, ties to the earlier submission.
 */
class StandingRankingProperties {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Settings SETTINGS = new Settings("fairshare", 1, Map.of());

  /** What happens between two passes. */
  sealed interface Step permits Submit, Claim, Rescore, FullRead {}

  record Submit(int user, int priority, int minutesAgo) implements Step {}

  record Claim(int nth) implements Step {}

  record Rescore(List<Integer> usage) implements Step {}

  record FullRead() implements Step {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> submit = Combinators.combine(Arbitraries.integers().between(0, 5),
        Arbitraries.of(-10, 0, 0, 5), Arbitraries.integers().between(0, 3)).as(Submit::new);
    Arbitrary<Step> claim = Arbitraries.integers().between(0, 40).map(Claim::new);
    Arbitrary<Step> rescore = Arbitraries.integers().between(0, 3).list().ofSize(6).map(Rescore::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, submit), net.jqwik.api.Tuple.of(3, claim),
        net.jqwik.api.Tuple.of(1, rescore), net.jqwik.api.Tuple.of(1, Arbitraries.just(new FullRead())))
        .list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300)
  void theKeptRankingIsTheFreshOne(@ForAll("steps") List<Step> steps) {
    InMemoryQueueStore store = new InMemoryQueueStore();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    QueueIndex index = new QueueIndex(store, clock, () -> Duration.ofDays(1000), () -> Duration.ofDays(1000));
    // A one-hour maximum age, so that a user's later job of higher priority can score below an earlier one.
    QueueOrder order = new FairShareOrder(Duration.ofHours(1), 2_000);
    StandingRanking ranking = new StandingRanking(index, order);
    FairShareSnapshot snapshot = FairShareSnapshot.empty(T0);
    Instant scoredAt = T0;
    long token = 1;
    Instant now = T0;
    for (Step step : steps) {
      now = now.plusSeconds(7);
      if (step instanceof Submit s) {
        store.enqueue(new JobSubmission("j", "user" + s.user(), "demo", Map.of(), 1, s.priority()),
            now.minus(Duration.ofMinutes(s.minutesAgo())));
      } else if (step instanceof Claim c) {
        List<Job> queued = new ArrayList<>();
        index.userQueues().forEach(q -> q.forEach(slot -> queued.add(slot.job)));
        if (!queued.isEmpty()) {
          index.remove(queued.get(c.nth() % queued.size()).id());
        }
      } else if (step instanceof Rescore r) {
        Map<String, UserUsage> usage = new HashMap<>();
        for (int u = 0; u < r.usage().size(); u++) {
          usage.put("user" + u, new UserUsage("user" + u, r.usage().get(u), r.usage().get(u)));
        }
        snapshot = new FairShareSnapshot(now, usage, Map.of());
      } else {
        index.invalidate();
      }
      index.refresh(token);
      List<QueuePlan.Entry> kept = ranking.first(25, now, snapshot, SETTINGS);
      if (step instanceof Rescore || step instanceof FullRead || scoredAt.equals(T0)) {
        scoredAt = now;
      }
      List<QueuePlan.Entry> fresh = fresh(index, order, new OrderContext(scoredAt, snapshot, SETTINGS), 25);
      assertThat(ids(kept)).as("after %s", step).isEqualTo(ids(fresh));
      assertThat(kept.stream().map(e -> e.score().total()).toList())
          .isEqualTo(fresh.stream().map(e -> e.score().total()).toList());
    }
  }

  private static List<String> ids(List<QueuePlan.Entry> entries) {
    return entries.stream().map(e -> e.job().id()).toList();
  }

  /** The merge done from scratch: every user's first job in one heap, the next pushed as one is taken. */
  private static List<QueuePlan.Entry> fresh(QueueIndex index, QueueOrder order, OrderContext context, int n) {
    record Head(Job job, JobScore score, Iterator<Job> rest) {}
    PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> {
      int byScore = Double.compare(b.score.total(), a.score.total());
      return byScore != 0 ? byScore : Long.compare(a.job.sequence(), b.job.sequence());
    });
    for (NavigableSet<QueuedSlot> queue : index.userQueues()) {
      Iterator<Job> it = queue.stream().map(slot -> slot.job).iterator();
      Job first = it.next();
      heads.add(new Head(first, order.score(first, context), it));
    }
    List<QueuePlan.Entry> out = new ArrayList<>();
    while (!heads.isEmpty() && out.size() < n) {
      Head h = heads.poll();
      out.add(new QueuePlan.Entry(h.job, h.score));
      if (h.rest.hasNext()) {
        Job next = h.rest.next();
        heads.add(new Head(next, order.score(next, context), h.rest));
      }
    }
    return out;
  }
}
