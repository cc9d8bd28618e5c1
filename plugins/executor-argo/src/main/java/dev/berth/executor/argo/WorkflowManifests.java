package dev.berth.executor.argo;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.api.ParameterKind;
import dev.berth.api.TemplateParameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a lab's {@code Workflow} manifest file, and the parameters it declares. */
final class WorkflowManifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private WorkflowManifests() {}

  /**
   * Reads and checks the manifest at {@code path}.
   *
   * @param key the config key that named the file, for the error message
   * @throws IllegalArgumentException when the file is missing, is not YAML, or is no Workflow
   */
  static WorkflowSource.Manifest load(Path path, String key) {
    Map<String, Object> workflow;
    try {
      workflow = YAML.readValue(Files.readString(path), new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "config " + key + ": " + path + " is not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "config " + key + ": cannot read the workflow manifest " + path + ": " + e, e);
    }
    if (workflow == null
        || !Workflows.API_VERSION.equals(workflow.get("apiVersion"))
        || !Workflows.KIND.equals(workflow.get("kind"))) {
      throw new IllegalArgumentException(
          "config "
              + key
              + ": "
              + path
              + " must hold one apiVersion "
              + Workflows.API_VERSION
              + " kind "
              + Workflows.KIND
              + ", found "
              + (workflow == null ? "nothing" : workflow.get("apiVersion") + " " + workflow.get("kind")));
    }
    if (!(workflow.get("spec") instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("config " + key + ": " + path + " has no spec");
    }
    return new WorkflowSource.Manifest(path, workflow);
  }

  /**
   * The parameters users may set, from the manifest's {@code spec.arguments.parameters}: one with a
   * {@code value} is optional with that default, one without is required. Names in {@code
   * reserved} are filled by Berth, so users do not see them.
   */
  static List<TemplateParameter> declaredParameters(Map<String, Object> workflow, Set<String> reserved) {
    List<TemplateParameter> out = new ArrayList<>();
    for (Map<String, Object> p : argumentParameters(workflow)) {
      Object name = p.get("name");
      if (name == null || reserved.contains(name.toString())) {
        continue;
      }
      Object value = p.get("value");
      Object description = p.get("description");
      out.add(
          new TemplateParameter(
              name.toString(),
              ParameterKind.TEXT,
              value == null,
              value == null ? null : value.toString(),
              description == null ? "" : description.toString()));
    }
    return out;
  }

  /** {@code spec.arguments.parameters} as maps; empty when absent. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> argumentParameters(Map<String, Object> workflow) {
    Object spec = workflow.get("spec");
    Object arguments = spec instanceof Map<?, ?> s ? s.get("arguments") : null;
    Object parameters = arguments instanceof Map<?, ?> a ? a.get("parameters") : null;
    List<Map<String, Object>> out = new ArrayList<>();
    if (parameters instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          out.add((Map<String, Object>) map);
        }
      }
    }
    return out;
  }
}
