package dev.berth.core.fairshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.berth.api.FairShareSnapshot;
import dev.berth.api.Job;
import dev.berth.api.JobSubmission;
import dev.berth.api.Placement;
import dev.berth.api.QueueStore;
import dev.berth.api.Settings;
import dev.berth.api.UsageAccrual;
import dev.berth.api.UserAccount;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.memory.InMemoryQueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fair share read from the in-memory store's ledger and accounts, figures worked by hand. */
class FairShareServiceTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryQueueStore store = new InMemoryQueueStore();
  private final Settings oneHourHalfLife =
      new Settings(FairshareSettings.SECTION, 1, Map.of(FairshareSettings.HALF_LIFE_HOURS, "1"));
  private final FairShareService service = new FairShareService(store, () -> oneHourHalfLife, clock);

  @Test
  void theTableHasEveryAccountAndEveryUserWithUsageByNameWithTheirFactors() {
    store.createUser(new UserAccount("bob", "hash", false, false, T0).withShares(2));
    store.createUser(new UserAccount("ann", "hash", false, false, T0));
    store.createUser(new UserAccount("cy", "hash", false, false, T0));
    accrue("ann", 1, Duration.ofSeconds(300));
    accrue("bob", 1, Duration.ofSeconds(100));
    accrue("dan", 4, Duration.ofSeconds(25)); // a user with usage but no account (proxy sign-in)

    FairShareTable t = service.table();

    assertThat(t.at()).isEqualTo(clock.instant());
    assertThat(t.halfLifeHours()).isEqualTo(1.0);
    assertThat(t.ledgerKept()).isTrue();
    assertThat(t.users()).extracting(FairShareTable.Row::user).containsExactly("ann", "bob", "cy", "dan");
    // Decayed total 500 GPU-seconds; shares 1 + 2 + 1 + 1 = 5.
    FairShareTable.Row ann = t.users().get(0);
    assertThat(ann.gpuSeconds()).isCloseTo(300, within(1e-9));
    assertThat(ann.usageShare()).isCloseTo(0.6, within(1e-9));
    assertThat(ann.labShare()).isCloseTo(0.2, within(1e-9));
    assertThat(ann.factor()).isCloseTo(Math.pow(2, -3), within(1e-9));
    FairShareTable.Row bob = t.users().get(1);
    assertThat(bob.shares()).isEqualTo(2);
    assertThat(bob.factor()).isCloseTo(Math.pow(2, -0.2 / 0.4), within(1e-9));
    FairShareTable.Row cy = t.users().get(2);
    assertThat(cy.gpuSeconds()).isZero();
    assertThat(cy.factor()).isEqualTo(1.0);
  }

  @Test
  void theSnapshotDecaysToTheInstantAskedAndReadsTheHalfLifeEachTime() {
    accrue("ann", 2, Duration.ofSeconds(50));

    FairShareSnapshot later = service.snapshot(clock.instant().plus(Duration.ofHours(2)));

    assertThat(later.usage().get("ann").gpuSeconds()).isCloseTo(100, within(1e-9));
    assertThat(later.usage().get("ann").decayedGpuSeconds()).isCloseTo(25, within(1e-9));
    assertThat(later.at()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
  }

  @Test
  void aStoreWithoutALedgerGivesNoUsageAndSaysSo() {
    QueueStore noLedger = new QueueStoreWithoutLedger(store);
    FairShareService s = new FairShareService(noLedger, () -> Map.of("ann", 3), () -> oneHourHalfLife, clock);

    FairShareTable t = s.table();

    assertThat(t.ledgerKept()).isFalse();
    assertThat(t.users()).singleElement().satisfies(r -> {
      assertThat(r.user()).isEqualTo("ann");
      assertThat(r.shares()).isEqualTo(3);
      assertThat(r.factor()).isEqualTo(1.0);
    });
    assertThat(s.snapshot(T0).usage()).isEmpty();
  }

  /** Adds {@code gpus × length} for a new job of {@code user}, ending now. */
  private void accrue(String user, int gpus, Duration length) {
    Job job = store.enqueue(new JobSubmission("j", user, "demo", Map.of(), gpus, 0), T0);
    store.claim(job.id(), new Placement("node-a", List.of()), T0, "scheduler");
    Instant now = clock.instant();
    store.accrueUsage(List.of(new UsageAccrual(job.id(), user, gpus, now.minus(length), now)), Duration.ofHours(1));
  }
}
