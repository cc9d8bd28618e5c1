package dev.berth.executor.argo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a Workflow (or a WorkflowTemplate's spec) against Argo's own OpenAPI schema, as the API
 * server does with the full CRD: unknown fields, types, required fields, patterns and enums. The
 * schema is a trimmed copy of the CRD under {@code src/test/resources/argo/}: fields Berth renders
 * or ships are whole, others are known by name only.
 */
final class WorkflowSchema {
  private final Map<String, Object> root;

  private WorkflowSchema(Map<String, Object> root) {
    this.root = root;
  }

  static WorkflowSchema load() {
    try (InputStream in = WorkflowSchema.class.getResourceAsStream("/argo/workflow-schema.yaml")) {
      return new WorkflowSchema(new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is wrong with a whole Workflow; empty when it is valid. */
  List<String> problems(Map<String, Object> workflow) {
    List<String> out = new ArrayList<>();
    check(root, workflow, "", out);
    return out;
  }

  /** What is wrong with a WorkflowTemplate's spec, which has the schema of a Workflow's spec. */
  List<String> specProblems(Object spec) {
    List<String> out = new ArrayList<>();
    check(child(root, "spec"), spec, "spec", out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> schema, String property) {
    return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(property);
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> schema, Object value, String path, List<String> out) {
    if (Boolean.TRUE.equals(schema.get("x-berth-unchecked"))) {
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(value instanceof String || value instanceof Integer || value instanceof Long)) {
        out.add(path + ": must be an integer or a string, was " + value);
      } else if (value instanceof String s && schema.get("pattern") != null
          && !Pattern.compile(schema.get("pattern").toString()).matcher(s).find()) {
        out.add(path + ": '" + s + "' does not match " + schema.get("pattern"));
      }
      return;
    }
    String type = (String) schema.get("type");
    if ("object".equals(type)) {
      if (!(value instanceof Map<?, ?> map)) {
        out.add(path + ": must be an object, was " + value);
        return;
      }
      for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
        if (!map.containsKey(required)) {
          out.add(path + ": " + required + " is required");
        }
      }
      Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
      Object additional = schema.get("additionalProperties");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String childPath = path.isEmpty() ? e.getKey().toString() : path + "." + e.getKey();
        if (properties != null && properties.containsKey(e.getKey())) {
          check((Map<String, Object>) properties.get(e.getKey()), e.getValue(), childPath, out);
        } else if (additional instanceof Map<?, ?> a) {
          check((Map<String, Object>) a, e.getValue(), childPath, out);
        } else if (properties != null) {
          out.add(childPath + ": unknown field");
        }
      }
    } else if ("array".equals(type)) {
      if (!(value instanceof List<?> list)) {
        out.add(path + ": must be a list, was " + value);
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        check((Map<String, Object>) schema.get("items"), list.get(i), path + "[" + i + "]", out);
      }
    } else if ("string".equals(type)) {
      if (!(value instanceof String s)) {
        out.add(path + ": must be a string, was " + value);
        return;
      }
      if (schema.get("pattern") != null && !Pattern.compile(schema.get("pattern").toString()).matcher(s).find()) {
        out.add(path + ": '" + s + "' does not match " + schema.get("pattern"));
      }
      if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(s)) {
        out.add(path + ": '" + s + "' is not one of " + allowed);
      }
    } else if ("integer".equals(type)) {
      if (!(value instanceof Integer || value instanceof Long)) {
        out.add(path + ": must be an integer, was " + value);
      }
    } else if ("boolean".equals(type)) {
      if (!(value instanceof Boolean)) {
        out.add(path + ": must be true or false, was " + value);
      }
    }
  }
}
