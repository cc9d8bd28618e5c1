package dev.berth.api;

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
}
