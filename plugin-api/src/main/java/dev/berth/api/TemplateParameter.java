package dev.berth.api;

import java.util.Locale;
import java.util.Objects;

/**
 * One parameter a job template takes, such as {@code config-file} or {@code work-dir}.
 *
 * @param defaultValue used when a submission leaves the parameter out; null when there is none
 */
public record TemplateParameter(
    String name, ParameterKind kind, boolean required, String defaultValue, String description) {
  public TemplateParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * Reads a parameter from its entry in an executor's template config: {@code kind} ({@code text},
   * {@code relative-path} or {@code path}; default {@code text}), {@code required}, {@code default}
   * and {@code description}. Every executor reads them the same way, so a template means the same
   * on each; the executor checks the name against its own rules first.
   *
   * @throws IllegalArgumentException naming the config key when {@code kind} is not one of the three
   */
  public static TemplateParameter fromConfig(String name, PluginConfig section) {
    return new TemplateParameter(
        name,
        kind(section),
        section.getBoolean("required", false),
        section.getString("default", null),
        section.getString("description", ""));
  }

  private static ParameterKind kind(PluginConfig section) {
    String kind = section.getString("kind", "text").trim().toLowerCase(Locale.ROOT);
    return switch (kind) {
      case "text" -> ParameterKind.TEXT;
      case "relative-path", "relative_path" -> ParameterKind.RELATIVE_PATH;
      case "path" -> ParameterKind.PATH;
      default ->
          throw new IllegalArgumentException(
              "config " + section.path() + ".kind must be text, relative-path or path, was '" + kind + "'");
    };
  }
}
