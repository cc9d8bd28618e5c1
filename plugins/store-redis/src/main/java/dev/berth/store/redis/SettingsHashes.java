package dev.berth.store.redis;

import dev.berth.api.VersionedSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings sections in Redis: one hash of section versions, and one hash of values per section.
 * Reads take version and values together; a put is a compare-and-set on the version in one script.
 */
final class SettingsHashes {
  private static final LuaScript GET = LuaScript.loadRepeatable("settings-get.lua");
  /*
   * Repeatable: a repeat of a put that was applied (Redis died before answering) finds the version
   * moved and writes nothing, so the admin is told that another writer got there first, and sees
   * their own values when reading again. Safe, and rare; not repeating would answer 503 for a put
   * made on a connection that died idle.
   */
  private static final LuaScript PUT = LuaScript.loadRepeatable("settings-put.lua");

  private final RedisPool pool;
  private final RedisKeys keys;
  private final int changesMaxLength;

  SettingsHashes(RedisPool pool, RedisKeys keys, int changesMaxLength) {
    this.pool = pool;
    this.keys = keys;
    this.changesMaxLength = changesMaxLength;
  }

  VersionedSettings get(String section) {
    List<?> reply = (List<?>) pool.run("read settings " + section, GET,
        List.of(keys.settingsVersions(), keys.settingsValues(section)), List.of(section));
    return new VersionedSettings(section, (Long) reply.get(0), JobFields.pairs((List<?>) reply.get(1)));
  }

  Optional<VersionedSettings> put(String section, Map<String, String> values, long expectedVersion) {
    List<String> args = new ArrayList<>(List.of(section, Long.toString(expectedVersion), Integer.toString(changesMaxLength)));
    values.forEach((key, value) -> {
      args.add(key);
      args.add(value);
    });
    Object version = pool.run("write settings " + section, PUT,
        List.of(keys.settingsVersions(), keys.settingsValues(section), keys.changes()), args);
    if (version == null) {
      return Optional.empty();
    }
    return Optional.of(new VersionedSettings(section, (Long) version, values));
  }
}
