package dev.berth.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users, API token hashes and the audit log, kept in durable storage. A {@link QueueStore} extension
 * that also implements this interface keeps Berth's identities beside its jobs; the host uses the
 * active store for both when it does (with {@code auth.mode: local} it refuses to start otherwise).
 *
 * <p><b>Threads:</b> called concurrently from HTTP request threads and possibly from other Berth
 * processes sharing the storage. Every write is atomic against the backing storage, not a cache.
 *
 * <p><b>Durability:</b> when a write returns, it survives a {@code kill -9} like a job does.
 *
 * <p><b>Failures:</b> throw {@link StoreUnavailableException} when the storage does not answer.
 *
 * <p>Every implementation passes the {@code IdentityStoreContract} suite of {@code berth-testkit}.
 */
public interface IdentityStore {

  /** The user, matched exactly (case-sensitive). */
  Optional<UserAccount> user(String username);

  /** Every user, ordered by username. */
  List<UserAccount> users();

  /**
   * Adds the user if no user of that name exists, atomically.
   *
   * @return false, writing nothing, when the name is taken
   */
  boolean createUser(UserAccount user);

  /**
   * Adds the user if and only if there are no users at all, atomically: of several processes
   * starting at once on an empty store, exactly one creates the first administrator.
   *
   * @return false, writing nothing, when any user exists
   */
  boolean createFirstUser(UserAccount user);

  /**
   * Replaces the stored user of the same name (password hash, admin, disabled).
   *
   * @return false, writing nothing, when there is no such user
   */
  boolean updateUser(UserAccount user);

  /** Stores a new token; its id and hash are new and unique. */
  void addToken(ApiToken token);

  /** The token whose secret hashes to {@code hash}. */
  Optional<ApiToken> tokenByHash(String hash);

  /** The user's tokens, oldest first. */
  List<ApiToken> tokens(String username);

  /**
   * Removes the user's token {@code id}.
   *
   * @return false when the user has no such token
   */
  boolean deleteToken(String username, String id);

  /** Records that the token was used; a token that no longer exists is ignored. */
  void touchToken(String id, Instant at);

  /** Appends one line to the audit log. */
  void appendAudit(AuditEntry entry);

  /** The newest {@code limit} audit entries, newest first. */
  List<AuditEntry> audit(int limit);
}
