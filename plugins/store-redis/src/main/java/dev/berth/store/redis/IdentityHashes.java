package dev.berth.store.redis;

import dev.berth.api.ApiToken;
import dev.berth.api.AuditEntry;
import dev.berth.api.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Users, API tokens and the audit log in Redis: a set of usernames with a hash per user, a hash per
 * token with an index from secret hash to id and a sorted set per owner, and a capped list for the
 * audit. Every multi-key write is one Lua script, so it is atomic on the server.
 */
final class IdentityHashes {
  // Not repeated: a repeat of an applied create would answer "name taken", and the first
  // administrator's password, printed once, would never be shown. The same for a delete's answer.
  private static final LuaScript CREATE_USER = LuaScript.load("user-create.lua");
  private static final LuaScript DELETE_TOKEN = LuaScript.load("token-delete.lua");
  // Repeatable: writing the same fields again changes nothing.
  private static final LuaScript UPDATE_USER = LuaScript.loadRepeatable("user-update.lua");
  private static final LuaScript ADD_TOKEN = LuaScript.loadRepeatable("token-add.lua");
  private static final LuaScript TOUCH_TOKEN = LuaScript.loadRepeatable("token-touch.lua");
  private static final LuaScript READ_USERS = LuaScript.loadRepeatable("users-read.lua");
  /** The audit list keeps this many newest entries. */
  static final int AUDIT_KEEP = 100_000;
  private static final char SEPARATOR = '\u001f';

  private final RedisPool pool;
  private final RedisKeys keys;

  IdentityHashes(RedisPool pool, RedisKeys keys) {
    this.pool = pool;
    this.keys = keys;
  }

  Optional<UserAccount> user(String username) {
    Map<String, String> fields = pool.callRepeatable("read user " + username, j -> j.hgetAll(keys.account(username)));
    return fields.isEmpty() ? Optional.empty() : Optional.of(toUser(username, fields));
  }

  /** Every user by name, read in one script run. */
  List<UserAccount> users() {
    List<?> reply = (List<?>) pool.run("list users", READ_USERS, List.of(keys.users()), List.of(keys.account("")));
    TreeMap<String, UserAccount> byName = new TreeMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      String name = String.valueOf(reply.get(i));
      byName.put(name, toUser(name, JobFields.pairs((List<?>) reply.get(i + 1))));
    }
    return new ArrayList<>(byName.values());
  }

  boolean create(UserAccount user, boolean firstOnly) {
    List<String> args = new ArrayList<>(List.of(user.username(), firstOnly ? "1" : "0"));
    args.addAll(userFields(user));
    Object created = pool.run("create user " + user.username(), CREATE_USER,
        List.of(keys.users(), keys.account(user.username())), args);
    return Long.valueOf(1).equals(created);
  }

  boolean update(UserAccount user) {
    List<String> args = new ArrayList<>(List.of(user.username()));
    args.addAll(userFields(user));
    Object updated = pool.run("update user " + user.username(), UPDATE_USER,
        List.of(keys.users(), keys.account(user.username())), args);
    return Long.valueOf(1).equals(updated);
  }

  void addToken(ApiToken t) {
    List<String> args = new ArrayList<>(List.of(t.id(), t.hash(), Long.toString(t.createdAt().toEpochMilli()),
        "username", t.username(), "name", t.name(), "hash", t.hash(), "createdAt", t.createdAt().toString()));
    if (t.lastUsedAt() != null) {
      args.addAll(List.of("lastUsedAt", t.lastUsedAt().toString()));
    }
    pool.run("add a token for " + t.username(), ADD_TOKEN,
        List.of(keys.token(t.id()), keys.tokenHashes(), keys.userTokens(t.username())), args);
  }

  Optional<ApiToken> tokenByHash(String hash) {
    String id = pool.callRepeatable("find a token", j -> j.hget(keys.tokenHashes(), hash));
    return id == null ? Optional.empty() : token(id);
  }

  List<ApiToken> tokens(String username) {
    List<String> ids = pool.callRepeatable("list the tokens of " + username, j -> j.zrange(keys.userTokens(username), 0, -1));
    List<ApiToken> out = new ArrayList<>();
    for (String id : ids) {
      token(id).ifPresent(out::add);
    }
    return out;
  }

  boolean deleteToken(String username, String id) {
    Object removed = pool.run("delete token " + id, DELETE_TOKEN,
        List.of(keys.token(id), keys.tokenHashes(), keys.userTokens(username)), List.of(id, username));
    return Long.valueOf(1).equals(removed);
  }

  void touchToken(String id, Instant at) {
    pool.run("record the use of token " + id, TOUCH_TOKEN, List.of(keys.token(id)), List.of(at.toString()));
  }

  void appendAudit(AuditEntry e) {
    String line = String.join(String.valueOf(SEPARATOR), e.at().toString(), clean(e.actor()), clean(e.action()),
        clean(e.target()), clean(e.detail()));
    // Never repeated: a second LPUSH would log the entry twice.
    pool.call("append to the audit log", j -> {
      j.lpush(keys.audit(), line);
      return j.ltrim(keys.audit(), 0, AUDIT_KEEP - 1);
    });
  }

  List<AuditEntry> audit(int limit) {
    List<String> lines = pool.callRepeatable("read the audit log", j -> j.lrange(keys.audit(), 0, limit - 1L));
    List<AuditEntry> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split(String.valueOf(SEPARATOR), -1);
      if (f.length == 5) {
        out.add(new AuditEntry(Instant.parse(f[0]), f[1], f[2], f[3], f[4]));
      }
    }
    return out;
  }

  private Optional<ApiToken> token(String id) {
    Map<String, String> f = pool.callRepeatable("read token " + id, j -> j.hgetAll(keys.token(id)));
    if (f.isEmpty()) {
      return Optional.empty();
    }
    String used = f.get("lastUsedAt");
    return Optional.of(new ApiToken(id, f.get("username"), f.get("name"), f.get("hash"),
        Instant.parse(f.get("createdAt")), used == null ? null : Instant.parse(used)));
  }

  private static List<String> userFields(UserAccount u) {
    return List.of("passwordHash", u.passwordHash(), "admin", u.admin() ? "1" : "0",
        "disabled", u.disabled() ? "1" : "0", "createdAt", u.createdAt().toString(), "shares",
        Integer.toString(u.shares()));
  }

  /** A user stored before shares existed has no {@code shares} field, and the default single share. */
  private static UserAccount toUser(String username, Map<String, String> f) {
    String shares = f.get("shares");
    return new UserAccount(username, f.get("passwordHash"), "1".equals(f.get("admin")), "1".equals(f.get("disabled")),
        Instant.parse(f.get("createdAt")), shares == null ? 1 : Math.max(1, Integer.parseInt(shares)));
  }

  /** The separator may not appear inside a field; it is replaced by a space. */
  private static String clean(String s) {
    return s.replace(SEPARATOR, ' ');
  }
}
