package dev.berth.executor.argo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code executor.argo.templates} the tests use; {@link FakeArgoController} runs them. */
final class TestTemplates {
  private TestTemplates() {}

  static Map<String, Object> all() {
    Map<String, Object> templates = new LinkedHashMap<>();
    templates.put("greet", ref("greet", Map.of("text", required(), "code", optional("0"))));
    templates.put("count", ref("count", Map.of("lines", required())));
    templates.put("forever", ref("forever", Map.of("text", required())));
    return templates;
  }

  static Map<String, Object> ref(String workflowTemplate, Map<String, Object> parameters) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("workflowTemplate", workflowTemplate);
    t.put("parameters", new LinkedHashMap<>(parameters));
    return t;
  }

  static Map<String, Object> required() {
    return Map.of("required", true);
  }

  static Map<String, Object> optional(String value) {
    return Map.of("default", value);
  }
}
