package dev.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.JobSubmission;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.TemplateParameter;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import dev.berth.core.flow.FlowFields;
import dev.berth.core.flow.SubmissionRequest;

/**
 * Turns the JSON body of {@code POST /api/v1/jobs} into a {@link JobSubmission}, or refuses it with
 * every bad field named. Nothing reaches the store unless all checks pass.
 */
public final class SubmissionParser {
  private static final Set<String> OWN_FIELDS =
      Set.of("name", "user", "template", "parameters", "gpus", "priority", "timeLimit", "notify", "interactive");
  private static final Set<String> FIELDS = union(OWN_FIELDS, FlowFields.NAMES);
  private static final String ALLOWED = String.join(", ", new java.util.TreeSet<>(FIELDS));
  /** The most parameters one sweep may vary. */
  static final int MAX_SWEPT = 10;

  private final Function<String, JobTemplate> templates;
  private final String defaultTemplate;
  private final Supplier<TimeLimits> limits;
  private final IntSupplier maxArraySize;

  /**
   * @param templates the executor's template by name, or null when unknown
   * @param limits the time limits in force, read for each submission (an admin may change them)
   * @param maxArraySize the most jobs one array or sweep may make ({@code limits.maxArraySize})
   */
  public SubmissionParser(Function<String, JobTemplate> templates, String defaultTemplate, Supplier<TimeLimits> limits,
      IntSupplier maxArraySize) {
    this.templates = templates;
    this.defaultTemplate = defaultTemplate;
    this.limits = limits;
    this.maxArraySize = maxArraySize;
  }

  public SubmissionParser(Function<String, JobTemplate> templates, String defaultTemplate, Supplier<TimeLimits> limits) {
    this(templates, defaultTemplate, limits, () -> 1000);
  }

  /** A parser under the settings' default time limits, for tools that have no stored settings. */
  public SubmissionParser(Function<String, JobTemplate> templates, String defaultTemplate) {
    this(templates, defaultTemplate, () -> TimeLimits.DEFAULTS);
  }

  /** The one job a body describes, or the job every element of its array shares. */
  public JobSubmission parse(JsonNode body) {
    return parseRequest(body).base();
  }

  /** The job, array or sweep a body describes, every field checked. */
  public SubmissionRequest parseRequest(JsonNode body) {
    List<FieldError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw ValidationException.of("body", "must be a JSON object");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        errors.add(new FieldError(field, "unknown field; allowed: " + ALLOWED));
      }
    }
    String user = text(body, "user", true, errors);
    if (user != null && !SubmissionRules.USER.matcher(user).matches()) {
      errors.add(new FieldError("user", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
    String templateName = text(body, "template", false, errors);
    if (templateName == null && !body.has("template")) {
      templateName = defaultTemplate;
    }
    JobTemplate template = null;
    if (templateName != null) {
      template = SubmissionRules.TEMPLATE.matcher(templateName).matches() ? templates.apply(templateName) : null;
      if (template == null) {
        errors.add(new FieldError("template", "unknown template '" + clip(templateName) + "'"));
      }
    }
    String name = text(body, "name", false, errors);
    if (name == null && !body.has("name")) {
      name = templateName;
    }
    if (name != null && (!SubmissionRules.NAME.matcher(name).matches() || name.endsWith(" "))) {
      errors.add(new FieldError("name", "must be 1-100 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit"));
    }
    int gpus = integer(body, "gpus", 1, 0, SubmissionRules.MAX_GPUS, errors);
    int priority = integer(body, "priority", 0, -SubmissionRules.MAX_PRIORITY, SubmissionRules.MAX_PRIORITY, errors);
    int maxSize = maxArraySize.getAsInt();
    Map<String, List<String>> sweep = sweep(body.get("sweep"), template, maxSize, errors);
    Map<String, String> parameters = parameters(body.get("parameters"), template, sweep.keySet(), errors);
    Integer timeLimit = timeLimit(body, template, errors);
    List<String> notify = notify(body.get("notify"), errors);
    FlowFields.Parsed flow = FlowFields.parse(body, maxSize, errors);
    boolean interactive = FlowFields.flag(body, "interactive", errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    JobSubmission base = new JobSubmission(name, user, templateName, parameters, gpus, priority, timeLimit, notify,
        flow.flow(), flow.hold(), interactive);
    return new SubmissionRequest(base, flow.array(), sweep);
  }

  /**
   * {@code {"lr": ["0.1", "0.01"], "bs": ["32", "64"]}}: each swept parameter must be the
   * template's, and each value pass its kind's checks, before anything is queued.
   */
  private static Map<String, List<String>> sweep(JsonNode node, JobTemplate template, int maxSize,
      List<FieldError> errors) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject() || node.isEmpty()) {
      errors.add(new FieldError("sweep", "must be an object of parameter names to lists of values, such as"
          + " {\"lr\": [\"0.1\", \"0.01\"]}"));
      return out;
    }
    if (node.size() > MAX_SWEPT) {
      errors.add(new FieldError("sweep", "at most " + MAX_SWEPT + " parameters"));
      return out;
    }
    Map<String, TemplateParameter> declared = new LinkedHashMap<>();
    if (template != null) {
      template.parameters().forEach(p -> declared.put(p.name(), p));
    }
    long combinations = 1;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String field = "sweep." + clip(e.getKey());
      if (!SubmissionRules.PARAMETER_NAME.matcher(e.getKey()).matches()) {
        errors.add(new FieldError(field, "is not a valid parameter name"));
        continue;
      }
      if (template != null && !declared.containsKey(e.getKey())) {
        errors.add(new FieldError(field, "is not a parameter of template '" + template.name() + "'; it takes: "
            + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()))));
        continue;
      }
      if (!e.getValue().isArray() || e.getValue().isEmpty()) {
        errors.add(new FieldError(field, "must be a non-empty list of string values"));
        continue;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < e.getValue().size(); i++) {
        JsonNode v = e.getValue().get(i);
        String problem = !v.isTextual() ? "must be a string" : checkValue(v.textValue(), declared.get(e.getKey()));
        if (problem != null) {
          errors.add(new FieldError(field + "[" + i + "]", problem));
        } else if (values.contains(v.textValue())) {
          errors.add(new FieldError(field + "[" + i + "]", "repeats the value '" + clip(v.textValue()) + "'"));
        } else {
          values.add(v.textValue());
        }
      }
      combinations *= Math.max(1, values.size());
      out.put(e.getKey(), values);
    }
    if (combinations > maxSize) {
      errors.add(new FieldError("sweep", "makes " + combinations + " jobs, more than the " + maxSize
          + " one array may have (limits.maxArraySize)"));
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  /** The events this job's owner wants to hear of; null when the body names none. */
  private static List<String> notify(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      errors.add(new FieldError("notify", "must be a list of events, such as [\"end\", \"failed\"]"));
      return null;
    }
    java.util.Set<String> events = new java.util.LinkedHashSet<>();
    for (JsonNode e : node) {
      String name = e.isTextual() ? e.asText().trim().toLowerCase(java.util.Locale.ROOT) : "";
      if (!NotifyPreferences.EVENTS.contains(name)) {
        errors.add(new FieldError("notify", "unknown event '" + clip(e.isTextual() ? e.asText() : e.toString())
            + "'; one of " + String.join(", ", new java.util.TreeSet<>(NotifyPreferences.EVENTS))));
      } else {
        events.add(name);
      }
    }
    return List.copyOf(events);
  }

  private Integer timeLimit(JsonNode body, JobTemplate template, List<FieldError> errors) {
    TimeLimits now = limits.get();
    if (!body.has("timeLimit")) {
      return now.defaultFor(template);
    }
    try {
      return now.parse(body.get("timeLimit"));
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("timeLimit", e.getMessage()));
      return null;
    }
  }

  private static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      } else if (v != null) {
        errors.add(new FieldError(field, "must be a string, not null"));
      }
      return null;
    }
    if (!v.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return v.textValue();
  }

  private static int integer(JsonNode body, String field, int fallback, int min, int max, List<FieldError> errors) {
    JsonNode v = body.get(field);
    if (v == null) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
      return fallback;
    }
    int n = v.intValue();
    if (n < min || n > max) {
      errors.add(new FieldError(field, "must be from " + min + " to " + max + ", was " + n));
    }
    return n;
  }

  private static Map<String, String> parameters(JsonNode node, JobTemplate template, Set<String> swept,
      List<FieldError> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node != null && !node.isNull() && !node.isObject()) {
      errors.add(new FieldError("parameters", "must be an object of string values"));
      return out;
    }
    if (node != null && node.size() > SubmissionRules.MAX_PARAMETERS) {
      errors.add(new FieldError("parameters", "at most " + SubmissionRules.MAX_PARAMETERS + " parameters"));
      return out;
    }
    Map<String, TemplateParameter> declared = new LinkedHashMap<>();
    if (template != null) {
      template.parameters().forEach(p -> declared.put(p.name(), p));
    }
    if (node != null && node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        String field = "parameters." + clip(key);
        if (!SubmissionRules.PARAMETER_NAME.matcher(key).matches()) {
          errors.add(new FieldError(field, "is not a valid parameter name"));
          continue;
        }
        if (template != null && !declared.containsKey(key)) {
          errors.add(new FieldError(field, "is not a parameter of template '" + template.name() + "'; it takes: "
              + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet()))));
          continue;
        }
        if (!e.getValue().isTextual()) {
          errors.add(new FieldError(field, "must be a string"));
          continue;
        }
        String value = e.getValue().textValue();
        String problem = checkValue(value, declared.get(key));
        if (problem != null) {
          errors.add(new FieldError(field, problem));
        } else {
          out.put(key, value);
        }
      }
    }
    for (TemplateParameter p : declared.values()) {
      if (!out.containsKey(p.name()) && (node == null || !node.has(p.name())) && !swept.contains(p.name())) {
        if (p.defaultValue() != null) {
          out.put(p.name(), p.defaultValue());
        } else if (p.required()) {
          errors.add(new FieldError("parameters." + p.name(), "is required by template '" + template.name() + "'"));
        }
      }
    }
    return out;
  }

  private static String checkValue(String value, TemplateParameter p) {
    if (value.length() > SubmissionRules.MAX_PARAMETER_LENGTH) {
      return "must be at most " + SubmissionRules.MAX_PARAMETER_LENGTH + " characters";
    }
    if (SubmissionRules.hasControlCharacters(value)) {
      return "must not contain control characters";
    }
    if (p == null) {
      return null;
    }
    if (p.required() && value.isBlank()) {
      return "must not be empty";
    }
    if (p.kind() != ParameterKind.TEXT) {
      List<String> segments = List.of(value.replace('\\', '/').split("/"));
      if (segments.contains("..")) {
        return "must not contain '..'";
      }
      if (p.kind() == ParameterKind.RELATIVE_PATH && (value.startsWith("/") || value.startsWith("~") || value.matches("^[A-Za-z]:.*"))) {
        return "must be a relative path";
      }
    }
    return null;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "…" : s;
  }
}
