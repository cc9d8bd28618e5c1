package dev.berth.web.view;

import java.util.List;

/** The admin settings: one form per section, and the audit of settings changes (page and API). */
public record SettingsPage(Layout layout, List<Section> sections, List<Audit> audit) {

  /**
   * One section's form.
   *
   * @param errors problems not tied to one field
   * @param saved true right after a successful save of this section
   */
  public record Section(String section, String title, long version, List<Field> fields, List<String> errors,
      boolean saved) {}

  /**
   * One setting as a form field.
   *
   * @param inputType {@code number}, {@code text} or {@code select} (booleans and choices)
   * @param options a select's values, in order; empty for other inputs
   * @param original the value in force when the form was shown: only fields that differ from it are
   *     saved, so two admins editing different keys do not undo each other
   */
  public record Field(String key, String label, String inputType, String value, String original, String min,
      String max, String step, String defaultValue, String description, String error,
      List<String> options) {

    public String id() {
      return "setting-" + key;
    }

    public boolean isSelected(String option) {
      return option.equals(value);
    }
  }

  /** One recorded change: who, when, which section, and each key's old → new value. */
  public record Audit(String at, String atIso, String actor, String section, String change) {}
}
