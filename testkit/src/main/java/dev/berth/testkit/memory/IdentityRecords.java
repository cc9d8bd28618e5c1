package dev.berth.testkit.memory;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Users, token hashes and the audit log of an {@link InMemoryStorage}. Not thread-safe; the storage
 * holds its lock around every call.
 */
final class IdentityRecords {
  private final NavigableMap<String, UserAccount> users = new TreeMap<>();
  /** By id, in the order added, which breaks ties of equal creation times as SQLite's id does. */
  private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
  private final Map<String, String> tokenIdByHash = new HashMap<>();
  private final List<AuditEntry> audit = new ArrayList<>();

  Optional<UserAccount> user(String username) {
    return Optional.ofNullable(users.get(username));
  }

  List<UserAccount> users() {
    return List.copyOf(users.values());
  }

  boolean create(UserAccount user, boolean onlyIntoAnEmptyStore) {
    if (onlyIntoAnEmptyStore ? !users.isEmpty() : users.containsKey(user.username())) {
      return false;
    }
    users.put(user.username(), user);
    return true;
  }

  boolean update(UserAccount user) {
    return users.replace(user.username(), user) != null;
  }

  void addToken(ApiToken token) {
    if (tokens.containsKey(token.id()) || tokenIdByHash.containsKey(token.hash())) {
      throw new IllegalArgumentException("token id or hash already stored: " + token.id());
    }
    tokens.put(token.id(), token);
    tokenIdByHash.put(token.hash(), token.id());
  }

  Optional<ApiToken> tokenByHash(String hash) {
    String id = tokenIdByHash.get(hash);
    return id == null ? Optional.empty() : Optional.of(tokens.get(id));
  }

  List<ApiToken> tokens(String username) {
    return tokens.values().stream()
        .filter(t -> t.username().equals(username))
        .sorted(Comparator.comparing(ApiToken::createdAt))
        .toList();
  }

  boolean deleteToken(String username, String id) {
    ApiToken token = tokens.get(id);
    if (token == null || !token.username().equals(username)) {
      return false;
    }
    tokens.remove(id);
    tokenIdByHash.remove(token.hash());
    return true;
  }

  void touchToken(String id, Instant at) {
    tokens.computeIfPresent(id, (key, t) -> new ApiToken(t.id(), t.username(), t.name(), t.hash(), t.createdAt(), at));
  }

  void appendAudit(AuditEntry entry) {
    audit.add(entry);
  }

  /** The newest {@code limit} entries, newest first: newest by the order appended, as a log is. */
  List<AuditEntry> audit(int limit) {
    List<AuditEntry> newest = new ArrayList<>();
    for (int i = audit.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(audit.get(i));
    }
    return newest;
  }
}
