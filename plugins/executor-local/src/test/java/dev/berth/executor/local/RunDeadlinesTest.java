package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Await;
import dev.berth.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class RunDeadlinesTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final List<String> stopped = new CopyOnWriteArrayList<>();

  @Test
  void onlyTheLatestDeadlineOfARunStopsIt() {
    try (RunDeadlines deadlines = new RunDeadlines(clock, stopped::add)) {
      Instant now = clock.instant();
      deadlines.arm("1", now.plusMillis(100));
      deadlines.arm("1", now.plus(Duration.ofHours(1))); // raised before it was due
      deadlines.arm("2", now.plusMillis(400));

      Await.until("run 2 stopped", () -> stopped.contains("2"));

      // One timer thread runs stops in deadline order: run 1's first stop was due before run 2's.
      assertThat(stopped).containsExactly("2");
    }
  }

  @Test
  void aDeadlineAlreadyPastStopsAtOnceAndADisarmedOneNever() {
    try (RunDeadlines deadlines = new RunDeadlines(clock, stopped::add)) {
      deadlines.arm("gone", clock.instant().plusMillis(100));
      deadlines.disarm("gone");
      deadlines.arm("late", clock.instant().minusSeconds(60));

      Await.until("the late run stopped", () -> stopped.contains("late"));
      deadlines.arm("after", clock.instant().plusMillis(300));
      Await.until("the run after stopped", () -> stopped.contains("after"));

      assertThat(stopped).containsExactly("late", "after");
    }
  }

  @Test
  void everyDeadlineAlreadyPastStopsItsRunEvenWhenTheTimerFiresBeforeArmingReturns() {
    // A past deadline fires at once on the timer thread; it used to look for the stop before the
    // arming had stored it, and then never stopped the run (seen as a flaky re-adoption test).
    try (RunDeadlines deadlines = new RunDeadlines(clock, stopped::add)) {
      for (int i = 0; i < 500; i++) {
        deadlines.arm(Integer.toString(i), clock.instant().minusSeconds(1));
      }

      Await.until("all 500 runs stopped", () -> stopped.size() == 500);
      assertThat(stopped).doesNotHaveDuplicates();
    }
  }
}
