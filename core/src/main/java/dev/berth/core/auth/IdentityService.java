package dev.berth.core.auth;

import dev.berth.api.ApiToken;
import dev.berth.api.IdentityStore;
import dev.berth.api.UserAccount;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Local users and their API tokens: checking passwords and tokens, and what admins and owners change.
 * Every change an admin makes is audited.
 */
public final class IdentityService {
  /** The same rule as a job's {@code user} field, so every user can submit as themselves. */
  public static final int MAX_USERNAME = 64;
  public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_USERNAME - 1) + "}");
  static final int MIN_PASSWORD = 8;
  /** A user's fair-share weight is 1 to this many shares. */
  public static final int MAX_SHARES = 1_000_000;
  private static final Duration VERIFIED_FOR = Duration.ofSeconds(60);

  private final IdentityStore store;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Clock clock;
  /** Basic auth checks bcrypt on every request; a recent success is remembered briefly by its SHA-256. */
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();

  public IdentityService(IdentityStore store, PasswordHasher hasher, LoginThrottle throttle, Sessions sessions,
      AuditLog audit, Clock clock) {
    this.store = store;
    this.hasher = hasher;
    this.throttle = throttle;
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
  }

  /** A token as its owner sees it once, at creation. */
  public record CreatedToken(String id, String name, String token) {}

  /** A user after a change, and how many of their API tokens a new password revoked. */
  public record Updated(UserAccount user, int tokensRevoked) {}

  /**
   * Checks a username and password, throttled per account and per client address.
   *
   * @param address the client's address as {@link ClientAddress} finds it
   * @throws dev.berth.core.errors.TooManyRequestsException when too many attempts failed lately
   */
  public Optional<Principal> password(String username, String password, String address) {
    throttle.check(username, address);
    Optional<UserAccount> user = username == null || username.length() > MAX_USERNAME
        ? Optional.empty() : store.user(username);
    if (user.isPresent() && !user.get().disabled() && verify(user.get(), password)) {
      throttle.succeeded(username);
      return Optional.of(new Principal(username, user.get().admin(), "password"));
    }
    if (user.isEmpty()) {
      hasher.matches(password, DUMMY_HASH); // the same time whether or not the user exists
    }
    throttle.failed(username, address);
    return Optional.empty();
  }

  private static final String DUMMY_HASH = new PasswordHasher().hash(Secrets.random(16));

  private boolean verify(UserAccount user, String password) {
    String key = Secrets.sha256(user.username() + "\0" + password + "\0" + user.passwordHash());
    Instant now = clock.instant();
    Instant until = verified.get(key);
    if (until != null && until.isAfter(now)) {
      return true;
    }
    if (!hasher.matches(password, user.passwordHash())) {
      return false;
    }
    if (verified.size() > 10_000) {
      verified.clear();
    }
    verified.put(key, now.plus(VERIFIED_FOR));
    return true;
  }

  /** The owner of an API token, when the token exists and its owner is enabled; records its use. */
  public Optional<Principal> token(String secret) {
    Optional<ApiToken> token = store.tokenByHash(Secrets.sha256(secret));
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Optional<Principal> owner = current(token.get().username(), "token");
    if (owner.isPresent()) {
      Instant now = clock.instant();
      Instant last = token.get().lastUsedAt();
      if (last == null || last.plusSeconds(60).isBefore(now)) {
        store.touchToken(token.get().id(), now);
      }
    }
    return owner;
  }

  /** The user as stored now (a session re-checks on every request), unless unknown or disabled. */
  public Optional<Principal> current(String username, String via) {
    return store.user(username).filter(u -> !u.disabled()).map(u -> new Principal(u.username(), u.admin(), via));
  }

  public List<UserAccount> users() {
    return store.users();
  }

  public UserAccount user(String username) {
    return store.user(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
  }

  public UserAccount createUser(Principal actor, String username, String password, boolean admin) {
    List<FieldError> errors = new ArrayList<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add(new FieldError("username", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    checkPassword(password, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    UserAccount user = new UserAccount(username, hasher.hash(password), admin, false, clock.instant());
    if (!store.createUser(user)) {
      throw new ConflictException("user '" + username + "' already exists");
    }
    audit.record(actor.username(), "user.create", username, admin ? "admin" : "user");
    return user;
  }

  /**
   * Changes what is given (null: unchanged). Refuses to leave no enabled administrator. A new
   * password closes the user's sessions and revokes every API token they have, since whoever
   * learned the old password may have made one. {@code shares} is the user's fair-share weight,
   * 1 to {@value #MAX_SHARES}.
   */
  public Updated updateUser(Principal actor, String username, String password, Boolean admin, Boolean disabled,
      Integer shares) {
    UserAccount before = user(username);
    List<FieldError> errors = new ArrayList<>();
    if (password != null) {
      checkPassword(password, errors);
    }
    if (shares != null && (shares < 1 || shares > MAX_SHARES)) {
      errors.add(new FieldError("shares", "must be a whole number from 1 to " + MAX_SHARES));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    UserAccount after = new UserAccount(username, password == null ? before.passwordHash() : hasher.hash(password),
        admin == null ? before.admin() : admin, disabled == null ? before.disabled() : disabled, before.createdAt(),
        shares == null ? before.shares() : shares);
    boolean wasActiveAdmin = before.admin() && !before.disabled();
    boolean isActiveAdmin = after.admin() && !after.disabled();
    if (wasActiveAdmin && !isActiveAdmin
        && store.users().stream().noneMatch(u -> !u.username().equals(username) && u.admin() && !u.disabled())) {
      throw new ConflictException("'" + username + "' is the last enabled administrator; make another one first");
    }
    // Tokens go before the password changes, so a failure in between leaves the old password and
    // no tokens rather than the new password and the old tokens; and again after the sessions
    // close, for a token an old session made in the meantime.
    int revoked = password == null ? 0 : revokeAllTokens(username);
    if (!store.updateUser(after)) {
      throw new NotFoundException("no user '" + username + "'");
    }
    if (password != null || after.disabled()) {
      sessions.closeAllOf(username);
    }
    if (password != null) {
      revoked += revokeAllTokens(username);
    }
    List<String> changed = new ArrayList<>();
    if (password != null) {
      changed.add("password reset, " + tokens(revoked) + " revoked");
    }
    if (after.admin() != before.admin()) {
      changed.add("admin: " + before.admin() + " → " + after.admin());
    }
    if (after.disabled() != before.disabled()) {
      changed.add("disabled: " + before.disabled() + " → " + after.disabled());
    }
    if (after.shares() != before.shares()) {
      changed.add("shares: " + before.shares() + " → " + after.shares());
    }
    audit.record(actor.username(), "user.update", username, String.join(", ", changed));
    return new Updated(after, revoked);
  }

  /** "1 API token", "3 API tokens": for answers and the audit log. */
  public static String tokens(int count) {
    return count + (count == 1 ? " API token" : " API tokens");
  }

  private int revokeAllTokens(String username) {
    int revoked = 0;
    for (ApiToken t : store.tokens(username)) {
      if (store.deleteToken(username, t.id())) {
        revoked++;
      }
    }
    return revoked;
  }

  public CreatedToken createToken(String username, String name) {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ValidationException.of("name", "is required, at most 100 characters");
    }
    String secret = "berth_" + Secrets.random(32);
    String id = Secrets.random(9);
    store.addToken(new ApiToken(id, username, name.trim(), Secrets.sha256(secret), clock.instant(), null));
    return new CreatedToken(id, name.trim(), secret);
  }

  public List<ApiToken> tokens(String username) {
    return store.tokens(username);
  }

  public void revokeToken(String username, String id) {
    if (!store.deleteToken(username, id)) {
      throw new NotFoundException("you have no token '" + id + "'");
    }
  }

  /** Any user's tokens, for an admin. */
  public List<ApiToken> tokensOf(String username) {
    user(username);
    return store.tokens(username);
  }

  /** An admin revokes any user's token; audited. */
  public void revokeTokenOf(Principal actor, String username, String id) {
    user(username);
    Optional<ApiToken> token = store.tokens(username).stream().filter(t -> t.id().equals(id)).findFirst();
    if (token.isEmpty() || !store.deleteToken(username, id)) {
      throw new NotFoundException("user '" + username + "' has no token '" + id + "'");
    }
    audit.record(actor.username(), "token.revoke", username, "token " + id + " (" + token.get().name() + ")");
  }

  private static void checkPassword(String password, List<FieldError> errors) {
    if (password == null || password.length() < MIN_PASSWORD) {
      errors.add(new FieldError("password", "must have at least " + MIN_PASSWORD + " characters"));
    } else if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
      errors.add(new FieldError("password", "must be at most " + PasswordHasher.MAX_BYTES + " bytes"));
    }
  }
}
