package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, 3, 50, Duration.ofMinutes(5), 1000);

  private void fail(String username, String address) {
    throttle.check(username, address);
    throttle.failed(username, address);
  }

  @Test
  void madeUpNamesFromOneAddressDoNotLockOutARealAccountFromThatAddress() {
    for (int i = 0; i < 25; i++) {
      fail("made-up-" + i, "10.0.0.1");
    }
    assertThatCode(() -> throttle.check("admin", "10.0.0.1")).doesNotThrowAnyException();
  }

  @Test
  void oneAccountIsThrottledFromEveryAddressUntilTheWindowCloses() {
    fail("alice", "10.0.0.1");
    fail("alice", "10.0.0.2");
    fail("alice", "10.0.0.3");
    assertThatThrownBy(() -> throttle.check("alice", "10.0.0.4")).isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("for this user; try again in 300 s");
    assertThatCode(() -> throttle.check("bob", "10.0.0.1")).as("another account").doesNotThrowAnyException();
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> throttle.check("alice", "10.0.0.1")).hasMessageContaining("try again in 180 s");
    clock.advance(Duration.ofMinutes(3));
    assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
  }

  @Test
  void oneAddressIsThrottledAfterItsLargerBudgetForAnyAccounts() {
    for (int i = 0; i < 50; i++) {
      fail("user" + i, "10.0.0.9");
    }
    assertThatThrownBy(() -> throttle.check("fresh", "10.0.0.9")).isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("from this address");
    assertThatCode(() -> throttle.check("fresh", "10.0.0.8")).as("another address").doesNotThrowAnyException();
    clock.advance(Duration.ofMinutes(5));
    assertThatCode(() -> throttle.check("fresh", "10.0.0.9")).doesNotThrowAnyException();
  }

  @Test
  void aSuccessClearsTheAccountsCountButNotTheAddresses() {
    LoginThrottle small = new LoginThrottle(clock, 3, 4, Duration.ofMinutes(5), 1000);
    small.failed("alice", "10.0.0.1");
    small.failed("alice", "10.0.0.1");
    small.succeeded("alice");
    small.failed("alice", "10.0.0.1");
    assertThatCode(() -> small.check("alice", "10.0.0.2")).doesNotThrowAnyException();
    small.failed("alice", "10.0.0.1");
    assertThatThrownBy(() -> small.check("alice", "10.0.0.1")).hasMessageContaining("from this address");
  }

  @Test
  void memoryIsBoundedAndOverlongNamesAreNeverKeptAsAccounts() {
    LoginThrottle bounded = new LoginThrottle(clock, 3, 1_000_000, Duration.ofMinutes(5), 100);
    for (int i = 0; i < 5_000; i++) {
      bounded.failed("name-" + i, "10.1." + (i / 250) + "." + (i % 250));
    }
    assertThat(bounded.trackedAccounts()).isEqualTo(100);
    assertThat(bounded.trackedAddresses()).isEqualTo(100);

    LoginThrottle fresh = new LoginThrottle(clock, 3, 1_000_000, Duration.ofMinutes(5), 100);
    String overlong = "x".repeat(IdentityService.MAX_USERNAME + 1);
    for (int i = 0; i < 10; i++) {
      fresh.failed(overlong + i, "10.0.0.1");
    }
    assertThat(fresh.trackedAccounts()).isZero();
    assertThat(fresh.trackedAddresses()).as("it still counts against the address").isEqualTo(1);
  }

  @Test
  void theLeastRecentlySeenAccountIsForgottenFirst() {
    LoginThrottle two = new LoginThrottle(clock, 1, 1_000_000, Duration.ofMinutes(5), 2);
    two.failed("alice", "10.0.0.1");
    two.failed("bob", "10.0.0.1");
    assertThatThrownBy(() -> two.check("alice", "10.0.0.1")).as("touches alice").isInstanceOf(TooManyRequestsException.class);
    two.failed("carol", "10.0.0.1");
    assertThatCode(() -> two.check("bob", "10.0.0.1")).as("bob was the eldest").doesNotThrowAnyException();
    assertThatThrownBy(() -> two.check("alice", "10.0.0.1")).isInstanceOf(TooManyRequestsException.class);
  }
}
