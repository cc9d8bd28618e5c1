package dev.berth.api;

import java.util.List;
import java.util.Objects;

/**
 * A kind of job users may submit, as an executor offers it: the host refuses submissions naming an
 * unknown template or unknown, missing or malformed parameters, and the web form is built from it.
 */
public record JobTemplate(String name, String description, List<TemplateParameter> parameters) {
  public JobTemplate {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
  }
}
