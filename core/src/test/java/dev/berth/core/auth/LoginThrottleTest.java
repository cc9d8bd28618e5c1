package dev.berth.core.auth;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofMinutes(5));

  @Test
  void failuresForOneUserFromOneAddressAreThrottledUntilTheWindowPasses() {
    for (int i = 0; i < 3; i++) {
      throttle.check("alice", "10.0.0.1");
      throttle.failed("alice", "10.0.0.1");
    }
    assertThatThrownBy(() -> throttle.check("alice", "10.0.0.1")).isInstanceOf(TooManyRequestsException.class)
        .hasMessageContaining("try again in 300 s");
    assertThatCode(() -> throttle.check("alice", "10.0.0.2")).as("another address").doesNotThrowAnyException();
    assertThatCode(() -> throttle.check("bob", "10.0.0.1")).as("another user").doesNotThrowAnyException();
    clock.advance(Duration.ofMinutes(5));
    assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
  }

  @Test
  void oneAddressGuessingManyUsersIsThrottledToo() {
    for (int i = 0; i < 12; i++) {
      throttle.failed("user" + i, "10.0.0.9");
    }
    assertThatThrownBy(() -> throttle.check("fresh", "10.0.0.9")).isInstanceOf(TooManyRequestsException.class);
  }

  @Test
  void aSuccessClearsTheUsersCount() {
    throttle.failed("alice", "10.0.0.1");
    throttle.failed("alice", "10.0.0.1");
    throttle.succeeded("alice", "10.0.0.1");
    throttle.failed("alice", "10.0.0.1");
    assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
  }
}
