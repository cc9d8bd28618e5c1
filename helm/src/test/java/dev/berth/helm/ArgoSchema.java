package dev.berth.helm;

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
 * Argo's OpenAPI schema of a Workflow spec (which a WorkflowTemplate's spec shares), as the API
 * server applies it with Argo's full CRDs: unknown fields, types, required fields, patterns and
 * enums. The schema is a trimmed copy of the CRD in src/test/resources/argo; fields marked
 * {@code x-berth-unchecked} are known by name only.
 */
final class ArgoSchema {
  private final Map<String, Object> spec;

  private ArgoSchema(Map<String, Object> spec) {
    this.spec = spec;
  }

  @SuppressWarnings("unchecked")
  static ArgoSchema workflowSpec() {
    try (InputStream in = ArgoSchema.class.getResourceAsStream("/argo/workflow-schema.yaml")) {
      Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {});
      return new ArgoSchema((Map<String, Object>) ((Map<String, Object>) root.get("properties")).get("spec"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation in a WorkflowTemplate's {@code spec}, as "path: what is wrong". */
  List<String> problems(Object templateSpec) {
    List<String> out = new ArrayList<>();
    check(spec, templateSpec, "spec", out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> schema, Object value, String path, List<String> out) {
    if (Boolean.TRUE.equals(schema.get("x-berth-unchecked"))) {
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (value instanceof String s) {
        matches(schema, s, path, out);
      } else if (!(value instanceof Integer || value instanceof Long)) {
        out.add(path + ": must be an integer or a string, was " + value);
      }
      return;
    }
    switch (String.valueOf(schema.get("type"))) {
      case "object" -> {
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
        map.forEach((key, child) -> {
          String childPath = path + "." + key;
          if (properties != null && properties.containsKey(key)) {
            check((Map<String, Object>) properties.get(key), child, childPath, out);
          } else if (additional instanceof Map<?, ?> any) {
            check((Map<String, Object>) any, child, childPath, out);
          } else if (properties != null) {
            out.add(childPath + ": unknown field");
          }
        });
      }
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          out.add(path + ": must be a list, was " + value);
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          check((Map<String, Object>) schema.get("items"), list.get(i), path + "[" + i + "]", out);
        }
      }
      case "string" -> {
        if (value instanceof String s) {
          matches(schema, s, path, out);
        } else {
          out.add(path + ": must be a string, was " + value);
        }
      }
      case "integer" -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          out.add(path + ": must be an integer, was " + value);
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          out.add(path + ": must be true or false, was " + value);
        }
      }
      default -> { }
    }
  }

  private static void matches(Map<String, Object> schema, String value, String path, List<String> out) {
    Object pattern = schema.get("pattern");
    if (pattern != null && !Pattern.compile(pattern.toString()).matcher(value).find()) {
      out.add(path + ": '" + value + "' does not match " + pattern);
    }
    if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
      out.add(path + ": '" + value + "' is not one of " + allowed);
    }
  }
}
