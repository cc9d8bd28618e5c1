package dev.berth.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Dependency;
import dev.berth.api.DependencyCondition;
import dev.berth.api.JobFlow;
import dev.berth.core.errors.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields of a submission that tie a job to others: {@code dependsOn}, {@code array}, {@code
 * hold} and {@code maxRetries}, checked for form only. Whether a dependency names a job that exists
 * and may be waited for is the store's to say ({@link DependencyRules}).
 */
public final class FlowFields {
  /** The most dependencies one job may have. */
  public static final int MAX_DEPENDENCIES = 32;
  public static final int MAX_RETRIES = 10;
  public static final Set<String> NAMES = Set.of("dependsOn", "array", "sweep", "hold", "maxRetries");
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

  private FlowFields() {}

  /** What the fields say; parts that were wrong are left out, with an error each. */
  public record Parsed(JobFlow flow, boolean hold, ArraySpec array) {}

  public static Parsed parse(JsonNode body, int maxArraySize, List<FieldError> errors) {
    List<Dependency> dependsOn = dependencies(body.get("dependsOn"), errors);
    int maxRetries = maxRetries(body.get("maxRetries"), errors);
    boolean hold = flag(body, "hold", errors);
    ArraySpec array = array(body.get("array"), body.has("sweep"), maxArraySize, errors);
    return new Parsed(new JobFlow(dependsOn, null, null, null, maxRetries, 1), hold, array);
  }

  static List<Dependency> dependencies(JsonNode node, List<FieldError> errors) {
    List<Dependency> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      errors.add(new FieldError("dependsOn", "must be a list such as [{\"job\": \"12\", \"when\": \"succeeded\"}]"));
      return out;
    }
    if (node.size() > MAX_DEPENDENCIES) {
      errors.add(new FieldError("dependsOn", "at most " + MAX_DEPENDENCIES + " dependencies"));
      return out;
    }
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < node.size(); i++) {
      String field = "dependsOn[" + i + "]";
      Dependency d = dependency(node.get(i), field, errors);
      if (d != null && !seen.add(d.job())) {
        errors.add(new FieldError(field + ".job", "job " + d.job() + " is named twice"));
      } else if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** {@code {"job": "12", "when": "succeeded"}}; {@code "12"} and {@code "12:ended"} are short for it. */
  private static Dependency dependency(JsonNode node, String field, List<FieldError> errors) {
    String job;
    String when = "succeeded";
    if (node.isTextual()) {
      int colon = node.textValue().indexOf(':');
      job = colon < 0 ? node.textValue() : node.textValue().substring(0, colon);
      when = colon < 0 ? when : node.textValue().substring(colon + 1);
    } else if (node.isObject()) {
      JsonNode id = node.get("job");
      job = id == null ? null : id.isTextual() ? id.textValue() : id.isIntegralNumber() ? id.asText() : null;
      if (job == null) {
        errors.add(new FieldError(field + ".job", "is required: the id of the job to wait for"));
        return null;
      }
      JsonNode w = node.get("when");
      if (w != null && !w.isNull()) {
        when = w.isTextual() ? w.textValue() : "";
      }
      for (java.util.Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("job") && !name.equals("when")) {
          errors.add(new FieldError(field + "." + clip(name), "unknown field; allowed: job, when"));
        }
      }
    } else {
      errors.add(new FieldError(field, "must be {\"job\": \"12\", \"when\": \"succeeded\"}"));
      return null;
    }
    if (!ID.matcher(job).matches()) {
      errors.add(new FieldError(field + ".job", "'" + clip(job) + "' is not a job id"));
      return null;
    }
    DependencyCondition condition = DependencyCondition.ofWireName(when);
    if (condition == null) {
      errors.add(new FieldError(field + ".when", "must be succeeded, ended or failed, not '" + clip(when) + "'"));
      return null;
    }
    return new Dependency(job.replaceFirst("^0+(?=.)", ""), condition);
  }

  private static int maxRetries(JsonNode node, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > MAX_RETRIES) {
      errors.add(new FieldError("maxRetries", "must be a whole number from 0 to " + MAX_RETRIES));
      return 0;
    }
    return node.intValue();
  }

  /** A submission's true/false field: false when absent, a field error for anything but a boolean. */
  public static boolean flag(JsonNode body, String field, List<FieldError> errors) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      errors.add(new FieldError(field, "must be true or false"));
      return false;
    }
    return node.booleanValue();
  }

  private static ArraySpec array(JsonNode node, boolean sweep, int maxArraySize, List<FieldError> errors) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError("array", "must be a string such as \"0-9%2\""));
      return null;
    }
    try {
      ArraySpec spec = ArraySpec.parse(node.textValue(), maxArraySize);
      if (sweep && !spec.indexes().isEmpty()) {
        errors.add(new FieldError("array", "with a sweep, the sweep makes the indexes: give only the cap, such as \"%2\""));
        return null;
      }
      if (!sweep && spec.indexes().isEmpty()) {
        errors.add(new FieldError("array", "must name indexes, such as \"0-9%2\" (\"%N\" alone only caps a sweep)"));
        return null;
      }
      return spec;
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError("array", e.getMessage()));
      return null;
    }
  }

  static String clip(String s) {
    return s.length() > 32 ? s.substring(0, 32) + "…" : s;
  }
}
