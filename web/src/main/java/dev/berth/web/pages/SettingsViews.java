package dev.berth.web.pages;

import dev.berth.core.settings.SettingsService;
import dev.berth.core.auth.Auth;
import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingType;
import dev.berth.core.settings.SettingsSection;
import dev.berth.web.support.Times;
import dev.berth.web.view.SettingsPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the admin settings forms from the declared settings, and the audit list. */
final class SettingsViews {
  /** Shown first, in this order: what admins change most. */
  private static final List<String> FIRST = List.of("thresholds", "scheduler", "limits", "fairshare", "idleGuard");
  static final int AUDIT_SHOWN = 50;

  private final Auth auth;
  private final SettingsService settings;

  SettingsViews(Auth auth, SettingsService settings) {
    this.auth = auth;
    this.settings = settings;
  }

  /** Every section with its values in force, except {@code failed}, which shows what was posted. */
  SettingsPage page(dev.berth.web.view.Layout layout, Attempt failed, String saved) {
    List<SettingsPage.Section> sections = new ArrayList<>();
    for (SettingsSection s : ordered()) {
      if (failed != null && failed.section().equals(s.schema().section())) {
        sections.add(section(s, failed.values(), failed.errors(), failed.general(), false));
      } else {
        sections.add(section(s, Map.of(), Map.of(), List.of(), s.schema().section().equals(saved)));
      }
    }
    // The core's audit log records changes from this page and from the API alike.
    List<SettingsPage.Audit> entries = auth.audit().recent(AUDIT_SHOWN * 4).stream()
        .filter(e -> e.action().equals("settings.update"))
        .limit(AUDIT_SHOWN)
        .map(e -> new SettingsPage.Audit(Times.stamp(e.at()), Times.iso(e.at()), e.actor(), e.target(), e.detail()))
        .toList();
    return new SettingsPage(layout, sections, entries);
  }

  /**
   * What a failed save leaves to show again.
   *
   * @param values the posted values by key
   * @param errors messages by key
   * @param general messages for no single field
   */
  record Attempt(String section, Map<String, String> values, Map<String, String> errors, List<String> general) {}

  SettingsPage.Section section(SettingsSection s, Map<String, String> posted, Map<String, String> errors,
      List<String> general, boolean saved) {
    List<SettingsPage.Field> fields = new ArrayList<>();
    for (SettingDescriptor d : s.schema().settings()) {
      String current = s.current().values().getOrDefault(d.key(), d.defaultValue());
      String type = switch (d.type()) {
        case INTEGER, DECIMAL -> "number";
        case BOOLEAN, CHOICE -> "select";
        case STRING -> "text";
      };
      List<String> options = d.type() == SettingType.BOOLEAN ? List.of("true", "false") : d.choices();
      String step = switch (d.type()) {
        case INTEGER -> "1";
        case DECIMAL -> "any";
        default -> null;
      };
      fields.add(new SettingsPage.Field(d.key(), d.key(), type, posted.getOrDefault(d.key(), current), current,
          number(d.min()), number(d.max()), step, d.defaultValue(), d.description() == null ? "" : d.description(),
          errors.get(d.key()), options));
    }
    return new SettingsPage.Section(s.schema().section(), s.schema().title(), s.current().version(), fields, general,
        saved);
  }

  List<SettingsSection> ordered() {
    return settings.sections().stream()
        .sorted(Comparator.comparingInt((SettingsSection s) -> {
          int i = FIRST.indexOf(s.schema().section());
          return i < 0 ? FIRST.size() : i;
        }).thenComparing(s -> s.schema().section()))
        .toList();
  }

  private static String number(Double d) {
    if (d == null) {
      return null;
    }
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
  }
}
