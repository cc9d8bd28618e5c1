package dev.berth.core.notify;

import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.LogChunk;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.QueueStore;
import dev.berth.api.UserDirectory;
import dev.berth.api.VersionedSettings;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Each user's notification choices (address, events, own webhook), kept in the store as a settings
 * section of their own, {@code notify.user.<name>}, so that every Berth process sees them and a
 * save is one compare-and-set. Also what listener plugins read through {@link UserDirectory}.
 */
public final class NotifyPreferencesService implements UserDirectory {
  static final String SECTION_PREFIX = "notify.user.";
  /** One address, no display name or list: what a mail library takes as a single recipient. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>()\\[\\],;:\"\\\\]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
  private static final int LOG_READ_BYTES = 256 * 1024;
  private static final int LOG_MAX_BYTES = 16 * 1024 * 1024;

  private final QueueStore store;
  private final JobExecutor executor;
  private final WebhookHosts webhookHosts;

  public NotifyPreferencesService(QueueStore store, JobExecutor executor, WebhookHosts webhookHosts) {
    this.store = store;
    this.executor = executor;
    this.webhookHosts = webhookHosts;
  }

  @Override
  public NotifyPreferences preferences(String user) {
    VersionedSettings s = store.settings(SECTION_PREFIX + user);
    if (s.version() == 0) {
      return NotifyPreferences.defaults(user);
    }
    Map<String, String> v = s.values();
    String events = v.getOrDefault("events", "");
    return new NotifyPreferences(user, blankToNull(v.get("email")),
        events.isBlank() ? Set.of() : Set.of(events.split(",")), blankToNull(v.get("webhookUrl")));
  }

  /**
   * Validates and stores the user's choices.
   *
   * @throws ValidationException with a field error per bad field; nothing is stored then
   * @throws ConflictException when another save of the same user's choices came in between
   */
  public NotifyPreferences save(String user, String email, List<String> events, String webhookUrl) {
    List<FieldError> errors = new ArrayList<>();
    String mail = email == null ? "" : email.trim();
    if (!mail.isEmpty() && (mail.length() > 254 || !EMAIL.matcher(mail).matches())) {
      errors.add(new FieldError("email", "'" + mail + "' is not an email address, such as ann@lab.example"));
    }
    Set<String> chosen = new TreeSet<>();
    for (String e : events == null ? List.<String>of() : events) {
      String name = e == null ? "" : e.trim().toLowerCase(Locale.ROOT);
      if (!NotifyPreferences.EVENTS.contains(name)) {
        errors.add(new FieldError("events", "unknown event '" + e + "'; one of "
            + String.join(", ", new TreeSet<>(NotifyPreferences.EVENTS))));
      } else {
        chosen.add(name);
      }
    }
    String hook = webhookUrl == null ? "" : webhookUrl.trim();
    if (!hook.isEmpty()) {
      String why = webhookHosts.refusal(hook);
      if (why != null) {
        errors.add(new FieldError("webhookUrl", why));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("email", mail);
    values.put("events", String.join(",", chosen));
    values.put("webhookUrl", hook);
    String section = SECTION_PREFIX + user;
    long version = store.settings(section).version();
    store.putSettings(section, values, version).orElseThrow(() -> new ConflictException(
        "your notification settings were changed at the same time elsewhere; reload and save again"));
    return preferences(user);
  }

  @Override
  public List<String> logTail(String jobId, int lines) {
    Job job = store.get(jobId).orElse(null);
    if (job == null || lines <= 0) {
      return List.of();
    }
    Deque<String> tail = new ArrayDeque<>();
    StringBuilder partial = new StringBuilder();
    long offset = 0;
    try {
      while (offset < LOG_MAX_BYTES) {
        LogChunk chunk = executor.readLog(job, offset, LOG_READ_BYTES);
        if (chunk.text().isEmpty()) {
          break;
        }
        partial.append(chunk.text());
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
          tail.addLast(partial.substring(0, nl));
          partial.delete(0, nl + 1);
          if (tail.size() > lines) {
            tail.removeFirst();
          }
        }
        offset = chunk.nextOffset();
      }
    } catch (RuntimeException e) {
      // No log is no reason to hold back the notification itself.
    }
    if (!partial.isEmpty()) {
      tail.addLast(partial.toString());
      if (tail.size() > lines) {
        tail.removeFirst();
      }
    }
    return List.copyOf(tail);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
