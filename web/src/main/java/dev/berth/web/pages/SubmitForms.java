package dev.berth.web.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.jobs.JobService;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.JobTemplate;
import dev.berth.api.TemplateParameter;
import dev.berth.core.errors.FieldError;
import dev.berth.web.view.SubmitPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The submit form both ways: from the executor's templates to the fields shown, and from the posted
 * fields to the same JSON object {@code POST /api/v1/jobs} takes, so the form is validated by
 * exactly the API's rules.
 */
final class SubmitForms {
  static final String PARAM_PREFIX = "parameters.";
  private static final Set<String> FIELDS = Set.of("template", "name", "user", "gpus", "priority", "after", "array",
      "sweep", "hold", "maxRetries");

  private final JobService jobs;
  private final String defaultTemplate;
  private final ObjectMapper json;

  SubmitForms(JobService jobs, String defaultTemplate, ObjectMapper json) {
    this.jobs = jobs;
    this.defaultTemplate = defaultTemplate;
    this.json = json;
  }

  /** The template named in the form, else the configured default, else the first one offered. */
  JobTemplate chosen(String name) {
    List<JobTemplate> all = jobs.templates();
    for (String wanted : new String[] {name, defaultTemplate}) {
      for (JobTemplate t : all) {
        if (t.name().equals(wanted)) {
          return t;
        }
      }
    }
    return all.isEmpty() ? null : all.get(0);
  }

  /** The form showing {@code values} (field name to text) with {@code errors}. */
  SubmitPage.Form form(Map<String, String> values, List<FieldError> errors) {
    String requested = values.getOrDefault("template", "");
    JobTemplate template = chosen(requested);
    Map<String, String> byField = new LinkedHashMap<>();
    List<String> general = new ArrayList<>();
    Set<String> shownParameters = new java.util.HashSet<>();
    if (template != null) {
      template.parameters().forEach(p -> shownParameters.add(PARAM_PREFIX + p.name()));
    }
    for (FieldError raw : errors) {
      FieldError e = new FieldError(formField(raw.field()), raw.field().startsWith("sweep.")
          ? raw.field().substring("sweep.".length()) + ": " + raw.message() : raw.message());
      if (FIELDS.contains(e.field()) || shownParameters.contains(e.field())) {
        byField.merge(e.field(), e.message(), (a, b) -> a + "; " + b);
      } else {
        general.add(e.field() + ": " + e.message());
      }
    }
    List<SubmitPage.Template> templates = jobs.templates().stream()
        .map(t -> new SubmitPage.Template(t.name(), t.description() == null ? "" : t.description(),
            template != null && t.name().equals(template.name())))
        .toList();
    List<SubmitPage.Parameter> parameters = new ArrayList<>();
    if (template != null) {
      for (TemplateParameter p : template.parameters()) {
        String field = PARAM_PREFIX + p.name();
        parameters.add(new SubmitPage.Parameter(p.name(), p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            p.required(), p.defaultValue() == null ? "" : p.defaultValue(),
            p.description() == null ? "" : p.description(), values.getOrDefault(field, ""), byField.get(field)));
      }
    }
    return new SubmitPage.Form(templates, template == null ? "" : template.name(),
        template == null || template.description() == null ? "" : template.description(),
        values.getOrDefault("name", ""), values.getOrDefault("user", ""), values.getOrDefault("gpus", "1"),
        values.getOrDefault("priority", "0"), parameters, byField, general,
        new SubmitPage.Flow(values.getOrDefault("after", ""), values.getOrDefault("array", ""),
            values.getOrDefault("sweep", ""), values.containsKey("hold"), values.getOrDefault("maxRetries", "0")),
        ticked(values.get("interactive")));
  }

  /**
   * The submission as the API's JSON: blank optional fields are left out so that their defaults
   * apply, numbers that are not numbers stay text so that the API's message names them, and only
   * the chosen template's parameters are sent (the form shows no others).
   */
  /** A checkbox sends its value only when ticked. */
  private static boolean ticked(String value) {
    return value != null && !value.isEmpty();
  }

  ObjectNode toJson(Map<String, String> values) {
    ObjectNode node = json.createObjectNode();
    putText(node, "user", values.get("user"));
    putText(node, "template", values.get("template"));
    putText(node, "name", values.get("name"));
    putNumber(node, "gpus", values.get("gpus"));
    putNumber(node, "priority", values.get("priority"));
    if (ticked(values.get("interactive"))) {
      node.put("interactive", true);
    }
    JobTemplate template = chosen(values.getOrDefault("template", ""));
    if (template != null && template.name().equals(values.get("template"))) {
      ObjectNode params = json.createObjectNode();
      for (TemplateParameter p : template.parameters()) {
        String v = values.get(PARAM_PREFIX + p.name());
        if (v != null && !v.isEmpty()) {
          params.put(p.name(), v);
        }
      }
      node.set("parameters", params);
    }
    putDependencies(node, values.get("after"));
    putText(node, "array", values.get("array"));
    putSweep(node, values.get("sweep"));
    if (values.containsKey("hold")) {
      node.put("hold", true);
    }
    putNumber(node, "maxRetries", values.get("maxRetries"));
    return node;
  }

  /**
   * The API's field names as the form's: every {@code dependsOn[i]…} error belongs to the one
   * "after" field, and a swept parameter's error to the sweep box, prefixed with the part at fault
   * so that the message still says which.
   */
  static String formField(String apiField) {
    if (apiField.startsWith("dependsOn")) {
      return "after";
    }
    if (apiField.startsWith("sweep")) {
      return "sweep";
    }
    return apiField;
  }

  /** {@code "12, 13:ended"} as {@code ["12", "13:ended"]}: the API reads each as its short form. */
  private void putDependencies(ObjectNode node, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    var list = node.putArray("dependsOn");
    for (String part : value.strip().split("[,\\s]+")) {
      if (!part.isEmpty()) {
        list.add(part);
      }
    }
  }

  /**
   * One {@code name=value1,value2} per line as {@code {"name": ["value1", "value2"]}}. A line
   * without {@code =} is sent as a name with no values, so that the API's message names it.
   */
  private void putSweep(ObjectNode node, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    ObjectNode sweep = node.putObject("sweep");
    for (String line : value.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      String name = (eq < 0 ? line : line.substring(0, eq)).strip();
      var values = sweep.putArray(name);
      if (eq >= 0) {
        for (String v : line.substring(eq + 1).split(",")) {
          if (!v.isBlank()) {
            values.add(v.strip());
          }
        }
      }
    }
  }

  private static void putText(ObjectNode node, String field, String value) {
    if (value != null && !value.isBlank()) {
      node.put(field, value.strip());
    }
  }

  private static void putNumber(ObjectNode node, String field, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v = value.strip();
    if (v.matches("[+-]?[0-9]{1,9}")) {
      node.put(field, Integer.parseInt(v));
    } else {
      node.put(field, v);
    }
  }
}
