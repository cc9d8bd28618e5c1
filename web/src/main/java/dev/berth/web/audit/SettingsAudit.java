package dev.berth.web.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.QueueStore;
import dev.berth.api.VersionedSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed which setting, when, from what to what: kept in the queue store, beside the settings
 * themselves, as a reserved settings section ({@value #SECTION}) that no plugin declares. So the
 * list survives restarts and every replica sharing the store shows the same one, with the
 * store's compare-and-set guarding concurrent writers. The newest {@value #KEEP} changes are kept.
 *
 * <p>It records the changes made on the admin page. Changes made with {@code PUT
 * /api/v1/settings} do not pass through here; recording those needs the core to keep the audit
 * (see docs/ui.md).
 */
public final class SettingsAudit {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsAudit.class);
  /** The store section holding the audit; its keys are zero-padded sequence numbers. */
  public static final String SECTION = "web.settings-audit";
  static final int KEEP = 200;
  private static final int ATTEMPTS = 5;

  private final QueueStore store;
  private final ObjectMapper json;

  public SettingsAudit(QueueStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** One change of one setting. */
  public record Entry(Instant at, String actor, String section, String key, String from, String to) {}

  /**
   * Appends the entries. The settings change is already saved, so a failure here is logged, not
   * thrown: losing an audit line must not undo or hide the change.
   */
  public void record(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        VersionedSettings stored = store.settings(SECTION);
        TreeMap<String, String> values = new TreeMap<>(stored.values());
        long next = values.isEmpty() ? 1 : Long.parseLong(values.lastKey()) + 1;
        for (Entry e : entries) {
          values.put(String.format("%012d", next++), json.writeValueAsString(e));
        }
        while (values.size() > KEEP) {
          values.pollFirstEntry();
        }
        Optional<VersionedSettings> written = store.putSettings(SECTION, values, stored.version());
        if (written.isPresent()) {
          return;
        }
      }
      LOG.warn("Settings audit not recorded after {} concurrent writes: {}", ATTEMPTS, entries);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.warn("Settings audit not recorded ({}): {}", e.toString(), entries);
    }
  }

  /** The newest {@code limit} entries, newest first. */
  public List<Entry> recent(int limit) {
    Map<String, String> values = new LinkedHashMap<>(store.settings(SECTION).values());
    List<Entry> out = new ArrayList<>();
    values.entrySet().stream()
        .sorted(Map.Entry.<String, String>comparingByKey(Comparator.reverseOrder()))
        .limit(limit)
        .forEach(e -> {
          try {
            out.add(json.readValue(e.getValue(), Entry.class));
          } catch (JsonProcessingException ex) {
            LOG.warn("Unreadable settings audit entry {}: {}", e.getKey(), ex.getOriginalMessage());
          }
        });
    return out;
  }
}
