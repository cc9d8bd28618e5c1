package dev.berth.order.multifactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobScore;
import dev.berth.api.OrderContext;
import dev.berth.api.ScoreFactor;
import dev.berth.api.Settings;
import dev.berth.api.UserUsage;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The formula of docs/scheduling.md, worked through with its own numbers. */
class MultifactorOrderTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Settings DEFAULTS = new Settings("fairshare", 1, Map.of(
      "halfLifeHours", "168", "weightFairshare", "10000", "weightAge", "1000", "weightPriority", "2000",
      "maxAgeHours", "168"));

  @TempDir Path dir;

  private MultifactorOrder order() {
    return new MultifactorOrder(new TestPluginContext("multifactor", Map.of(), new SettableClock(NOW), dir));
  }

  /** alice used 3 of the 4 decayed GPU-hours, bob 1; both have one share of two. */
  private static OrderContext context() {
    FairShareSnapshot usage = new FairShareSnapshot(NOW, Map.of(
        "alice", new UserUsage("alice", 12_000, 10_800),
        "bob", new UserUsage("bob", 4_000, 3_600)), Map.of());
    return new OrderContext(NOW, usage, DEFAULTS);
  }

  private static Job job(String id, String user, Duration waited, int priority) {
    return JobBuilder.job(id).user(user).submittedAt(NOW.minus(waited)).priority(priority).build();
  }

  @Test
  void scoresTheWorkedExampleTermByTerm() {
    JobScore alice = order().score(job("1", "alice", Duration.ofHours(84), 0), context());
    assertThat(alice.factors()).extracting(ScoreFactor::name).containsExactly("fairshare", "age", "priority");
    assertThat(alice.factors().get(0).value()).isCloseTo(Math.pow(2, -1.5), within(1e-9)); // U 0.75, S 0.5
    assertThat(alice.factors().get(1).value()).isCloseTo(0.5, within(1e-9));
    assertThat(alice.factors().get(2).value()).isCloseTo(0.5, within(1e-9));
    assertThat(alice.total()).isCloseTo(3535.53 + 500 + 1000, within(0.01));

    JobScore bob = order().score(job("2", "bob", Duration.ofHours(1), 0), context());
    assertThat(bob.total()).isCloseTo(7071.07 + 5.95 + 1000, within(0.01));
  }

  @Test
  void theLighterUserGoesFirstAndTiesGoToTheEarlierSubmission() {
    Job aliceOld = job("1", "alice", Duration.ofHours(84), 0);
    Job bobNew = job("2", "bob", Duration.ofHours(1), 0);
    Job carolA = job("3", "carol", Duration.ofHours(2), 0);
    Job carolB = job("4", "carol", Duration.ofHours(2), 0);
    assertThat(order().order(List.of(aliceOld, carolB, bobNew, carolA), context()))
        .extracting(Job::id).containsExactly("3", "4", "2", "1");
  }

  @Test
  void priorityCountsWithItsWeightAndIsClampedToItsRange() {
    Job high = job("1", "bob", Duration.ZERO, 1000);
    Job low = job("2", "bob", Duration.ZERO, -1000);
    assertThat(order().score(high, context()).factors().get(2).value()).isEqualTo(1.0);
    assertThat(order().score(low, context()).factors().get(2).value()).isEqualTo(0.0);
    assertThat(order().order(List.of(low, high), context())).extracting(Job::id).containsExactly("1", "2");
  }

  @Test
  void ageStopsGrowingAtTheMaximumAge() {
    Job old = job("1", "bob", Duration.ofDays(30), 0);
    assertThat(order().score(old, context()).factors().get(1).value()).isEqualTo(1.0);
  }

  @Test
  void withoutUsageEveryoneHasFactorOne() {
    OrderContext empty = new OrderContext(NOW, FairShareSnapshot.empty(NOW), DEFAULTS);
    assertThat(order().score(job("1", "alice", Duration.ZERO, 0), empty).factors().get(0).value()).isEqualTo(1.0);
  }
}
