package dev.berth.store.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Redis server's settings mean for Berth's promise that an acknowledged job survives: the
 * findings of {@link PersistenceCheck}, as plain values so they can be judged without a server.
 *
 * @param appendOnly whether the append-only file is on ({@code INFO persistence}: aof_enabled)
 * @param appendFsync {@code always}, {@code everysec} or {@code no}; null when CONFIG is not
 *     allowed
 * @param evictionPolicy {@code maxmemory-policy} ({@code INFO memory}); null when unknown
 * @param snapshots the {@code save} schedule; null when CONFIG is not allowed, empty when off
 */
record RedisDurability(boolean appendOnly, String appendFsync, String evictionPolicy, String snapshots) {

  /** Reads the findings out of {@code INFO persistence} and {@code INFO memory} fields and CONFIG values. */
  static RedisDurability of(Map<String, String> info, String appendFsync, String snapshots) {
    return new RedisDurability(
        "1".equals(info.get("aof_enabled")), appendFsync, info.get("maxmemory_policy"), snapshots);
  }

  /**
   * Settings under which an acknowledged job can be lost: with {@code requirePersistence} the store
   * refuses to start on any of them, otherwise it warns.
   */
  List<String> violations() {
    List<String> found = new ArrayList<>();
    if (!appendOnly) {
      String snapshotNote = snapshots == null || snapshots.isBlank()
          ? "and RDB snapshots are off too, so a restart of redis-server empties the queue"
          : "so a restart of redis-server loses every job acknowledged since the last RDB snapshot";
      found.add("persistence is OFF (appendonly no), " + snapshotNote
          + ". Set 'appendonly yes' and 'appendfsync everysec' or 'always'");
    } else if ("no".equals(appendFsync)) {
      found.add("appendfsync is 'no': the kernel decides when the append-only file reaches the disk, so a crash of"
          + " the machine loses up to about 30 s of acknowledged jobs. Set 'appendfsync everysec' or 'always'");
    }
    if (evictionPolicy != null && !"noeviction".equals(evictionPolicy)) {
      found.add("maxmemory-policy is '" + evictionPolicy + "': under memory pressure Redis would silently delete"
          + " Berth's jobs. Set 'maxmemory-policy noeviction' (writes then fail with 503 instead)");
    }
    return found;
  }

  /** What is fine but worth knowing: the window of loss that the chosen fsync policy leaves. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    if (appendOnly && "everysec".equals(appendFsync)) {
      notes.add("appendfsync everysec: a crash of the whole machine (not only of redis-server) can lose about the"
          + " last 1-2 s of acknowledged jobs; 'always' closes that window at the cost of an fsync per write");
    }
    if (appendOnly && appendFsync == null) {
      notes.add("appendfsync could not be read (CONFIG is not allowed for this user); make sure it is"
          + " 'everysec' or 'always'");
    }
    return notes;
  }
}
