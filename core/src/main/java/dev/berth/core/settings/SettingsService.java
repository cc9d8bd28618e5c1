package dev.berth.core.settings;

import dev.berth.api.QueueStore;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.Settings;
import dev.berth.api.SettingsSchema;
import dev.berth.api.VersionedSettings;
import dev.berth.core.errors.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin-editable settings: the schemas the core and the plugins declare, the values stored in the
 * queue store, and a cache every reader uses. Writes are compare-and-set on the section's version,
 * so two admins (or two Berth replicas) never silently overwrite each other's change; a lost race is
 * retried on the fresh values.
 */
public final class SettingsService {
  private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);
  private static final int CAS_ATTEMPTS = 5;

  private final Map<String, SettingsSchema> schemas = new LinkedHashMap<>();
  private final Map<String, Settings> cache = new ConcurrentHashMap<>();
  private final List<Consumer<Settings>> changeListeners = new CopyOnWriteArrayList<>();
  private volatile QueueStore store;
  private volatile dev.berth.core.auth.AuditLog audit;

  public synchronized void register(SettingsSchema schema) {
    schemas.put(schema.section(), schema);
    cache.remove(schema.section());
  }

  public void attach(QueueStore store) {
    this.store = store;
    refresh();
  }

  /** Records every change from now on in the audit log (who, which keys, from what to what). */
  public void auditTo(dev.berth.core.auth.AuditLog audit) {
    this.audit = audit;
  }

  /** Called after every successful update, with the new values. */
  public void onChange(Consumer<Settings> listener) {
    changeListeners.add(listener);
  }

  /** Re-reads every section from the store: picks up changes made by another replica. */
  public void refresh() {
    for (String section : List.copyOf(schemas.keySet())) {
      Settings before = cache.get(section);
      Settings now = load(section);
      cache.put(section, now);
      if (before != null && before.version() != now.version()) {
        changeListeners.forEach(l -> l.accept(now));
      }
    }
  }

  /** The values in force for a section, defaults filled in. */
  public Settings current(String section) {
    Settings cached = cache.get(section);
    if (cached != null) {
      return cached;
    }
    if (!schemas.containsKey(section)) {
      return new Settings(section, 0, Map.of());
    }
    Settings loaded = store == null ? withDefaults(section, 0, Map.of()) : load(section);
    if (store != null) {
      cache.put(section, loaded);
    }
    return loaded;
  }

  public List<SettingsSection> sections() {
    List<SettingsSection> out = new ArrayList<>();
    for (SettingsSchema schema : List.copyOf(schemas.values())) {
      out.add(new SettingsSection(schema, current(schema.section())));
    }
    return out;
  }

  public Optional<SettingsSection> section(String name) {
    SettingsSchema schema = schemas.get(name);
    return schema == null ? Optional.empty() : Optional.of(new SettingsSection(schema, current(name)));
  }

  /**
   * Validates and stores the given keys of a section; keys not given keep their value.
   *
   * @throws dev.berth.core.errors.ValidationException with the bad fields
   * @throws NotFoundException for an unknown section
   */
  public Settings update(String section, Map<String, ?> input, String actor) {
    SettingsSchema schema = schemas.get(section);
    if (schema == null) {
      throw new NotFoundException("no settings section '" + section + "'; sections: " + String.join(", ", schemas.keySet()));
    }
    Map<String, String> validated = SettingsValidator.validate(schema, input);
    for (int attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      VersionedSettings stored = store.settings(section);
      Map<String, String> merged = new LinkedHashMap<>(stored.values());
      merged.putAll(validated);
      if (section.equals(LimitSettings.SECTION)) {
        LimitSettings.checkTogether(withDefaults(section, stored.version(), merged));
      }
      Optional<VersionedSettings> written = store.putSettings(section, merged, stored.version());
      if (written.isPresent()) {
        Settings now = withDefaults(section, written.get().version(), written.get().values());
        cache.put(section, now);
        LOG.info("Settings {} changed by {}: {} (version {})", section, actor, validated, now.version());
        recordAudit(section, actor, stored.values(), validated, schema);
        changeListeners.forEach(l -> l.accept(now));
        return now;
      }
    }
    throw new dev.berth.core.errors.ConflictException(
        "settings " + section + " changed concurrently " + CAS_ATTEMPTS + " times; try again");
  }

  private void recordAudit(String section, String actor, Map<String, String> before, Map<String, String> changed,
      SettingsSchema schema) {
    dev.berth.core.auth.AuditLog log = audit;
    if (log == null) {
      return;
    }
    List<String> parts = new java.util.ArrayList<>();
    changed.forEach((key, to) -> {
      String from = before.get(key);
      if (from == null) {
        from = schema.settings().stream().filter(d -> d.key().equals(key)).map(SettingDescriptor::defaultValue)
            .findFirst().orElse("");
      }
      if (!from.equals(to)) {
        parts.add(key + ": " + from + " → " + to);
      }
    });
    if (!parts.isEmpty()) {
      log.record(actor, "settings.update", section, String.join(", ", parts));
    }
  }

  private Settings load(String section) {
    VersionedSettings stored = store.settings(section);
    return withDefaults(section, stored.version(), stored.values());
  }

  private Settings withDefaults(String section, long version, Map<String, String> stored) {
    SettingsSchema schema = schemas.get(section);
    return new Settings(section, version, schema == null ? Map.of() : schema.withDefaults(stored));
  }
}
