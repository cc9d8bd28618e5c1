package dev.berth.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobListener;
import dev.berth.api.JobState;
import dev.berth.core.host.Provided;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.testkit.Await;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenerDeliveryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final BerthMetrics metrics = new BerthMetrics();
  private final Job job = new Job("7", "train", "ann", "demo", Map.of(), 1, 0, JobState.FAILED, NOW, NOW, NOW, NOW,
      null, 1, "exit 1", "pid-1");
  private final JobEvent event = new JobEvent("7", 4, NOW, JobState.RUNNING, JobState.FAILED, "executor", "exit 1");

  @Test
  void aListenerThatFailsIsTriedAgainAfterEachWaitUntilItAccepts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JobListener flaky = (e, j) -> {
      if (calls.incrementAndGet() < 3) {
        throw new IllegalStateException("receiver answered 500");
      }
    };
    try (ListenerDelivery delivery = delivery(List.of(new Provided<>("webhook", flaky)), 5)) {
      delivery.offer(event, job);
      Await.until("the third try accepted", () -> delivery.health().get(0).delivered() == 1);

      assertThat(calls).hasValue(3);
      assertThat(delivery.health().get(0).failed()).isZero();
      assertThat(metrics.scrape()).contains("berth_notifications_delivered_total{listener=\"webhook\"} 1.0");
    }
  }

  @Test
  void afterTheLastTryTheFailureIsCountedWithItsReasonAndTime() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    JobListener down = (e, j) -> {
      calls.incrementAndGet();
      throw new IllegalStateException("connection refused by hooks.example");
    };
    try (ListenerDelivery delivery = delivery(List.of(new Provided<>("webhook", down)), 5)) {
      delivery.offer(event, job);
      Await.until("the fifth try failed", () -> delivery.health().get(0).failed() == 1);

      ListenerHealth h = delivery.health().get(0);
      assertThat(calls).hasValue(5);
      assertThat(h.lastError()).isEqualTo("connection refused by hooks.example");
      assertThat(h.lastErrorAt()).isEqualTo(NOW);
      assertThat(metrics.scrape()).contains("berth_notifications_failed_total{listener=\"webhook\"} 1.0");
    }
  }

  @Test
  void offeringNeverWaitsForAListenerThatHangsAndAFullQueueCountsAsFailed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    JobListener hangs = (e, j) -> {
      try {
        release.await();
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    };
    try (ListenerDelivery delivery =
        new ListenerDelivery(List.of(new Provided<>("webhook", hangs)), new Backoff(List.of()), 10, clock, metrics)) {
      for (int i = 0; i < 100; i++) {
        delivery.offer(event, job);
      }
      // Four senders hang and ten events wait; the rest were dropped and counted, not waited for.
      assertThat(delivery.health().get(0).failed()).isEqualTo(86);
      assertThat(delivery.health().get(0).lastError()).isEqualTo("delivery queue full");
      release.countDown();
    }
  }

  @Test
  void theDefaultBackoffIsFiveTriesOverAboutTenMinutes() {
    Duration total = Backoff.DEFAULT.waits().stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(Backoff.DEFAULT.tries()).isEqualTo(5);
    assertThat(total).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
  }

  private ListenerDelivery delivery(List<Provided<JobListener>> listeners, int tries) {
    return new ListenerDelivery(listeners, new Backoff(java.util.Collections.nCopies(tries - 1, Duration.ofMillis(20))),
        100, clock, metrics);
  }
}
