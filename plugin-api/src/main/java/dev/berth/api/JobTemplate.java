package dev.berth.api;

import java.util.List;
import java.util.Objects;

/**
 * A kind of job users may submit, as an executor offers it: the host refuses submissions naming an
 * unknown template or unknown, missing or malformed parameters, and the web form is built from it.
 */
public record JobTemplate(
    String name, String description, List<TemplateParameter> parameters, Integer defaultTimeLimitSeconds) {
  /**
   * @param defaultTimeLimitSeconds the limit of a job that names none; null to use the host's
   *     {@code limits.defaultTimeLimitMinutes}
   */
  public JobTemplate {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    if (defaultTimeLimitSeconds != null && defaultTimeLimitSeconds < 1) {
      throw new IllegalArgumentException("a template's default time limit must be at least 1 second");
    }
  }

  /** A template that leaves the time limit to the host's default. */
  public JobTemplate(String name, String description, List<TemplateParameter> parameters) {
    this(name, description, parameters, null);
  }
}
