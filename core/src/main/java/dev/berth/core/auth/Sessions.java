package dev.berth.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions, in this process's memory: a random id in an HttpOnly cookie names the user and
 * the session's CSRF token. A session ends after {@code idle} without a request, after {@code max}
 * in any case, or at sign-out; a restart signs everyone out. Behind a load balancer with several
 * Berth replicas, use sticky sessions or proxy mode (docs/security.md).
 */
public final class Sessions {
  /** The cookie's name. */
  public static final String COOKIE = "berth_session";

  private final Clock clock;
  private final Duration idle;
  private final Duration max;
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  /** One signed-in browser. */
  public record Session(String id, String username, String csrf, Instant createdAt, Instant lastSeen) {}

  public Sessions(Clock clock, Duration idle, Duration max) {
    this.clock = clock;
    this.idle = idle;
    this.max = max;
  }

  public Session open(String username) {
    Instant now = clock.instant();
    Session s = new Session(Secrets.random(32), username, Secrets.random(32), now, now);
    byId.put(s.id(), s);
    if (byId.size() % 256 == 0) {
      byId.values().removeIf(x -> !alive(x, now));
    }
    return s;
  }

  /** The live session with this id, its idle time restarted; empty when unknown or expired. */
  public Optional<Session> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!alive(s, now)) {
      byId.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(s.id(), s.username(), s.csrf(), s.createdAt(), now);
    byId.replace(id, s, touched);
    return Optional.of(touched);
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Ends every session of the user, after a password change or when the user is disabled. */
  public void closeAllOf(String username) {
    byId.values().removeIf(s -> s.username().equals(username));
  }

  /** How long the cookie may live: the absolute session lifetime. */
  public Duration maxAge() {
    return max;
  }

  private boolean alive(Session s, Instant now) {
    return s.lastSeen().plus(idle).isAfter(now) && s.createdAt().plus(max).isAfter(now);
  }
}
