package dev.berth.executor.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code executor.local} config the tests run with: small shell jobs of known behaviour. */
final class TestTemplates {
  private TestTemplates() {}

  /** Every test template, with the given grace period between SIGTERM and SIGKILL. */
  static Map<String, Object> config(int killGraceSeconds) {
    Map<String, Object> templates = new LinkedHashMap<>();
    templates.put(
        "greet",
        template(
            List.of(
                "sh", "-c", "printf '%s\\n' \"$1\"; exit \"$2\"", "greet", "${text}", "${code}"),
            Map.of("text", param(true, null), "code", param(false, "0"))));
    templates.put(
        "count",
        template(
            List.of(
                "sh",
                "-c",
                "i=1; while [ \"$i\" -le \"$1\" ]; do echo \"line $i\"; i=$((i+1)); done",
                "count",
                "${lines}"),
            Map.of("lines", param(true, null))));
    templates.put(
        "forever",
        template(
            List.of(
                "sh",
                "-c",
                "printf '%s\\n' \"$1\"; while :; do sleep 1; done",
                "forever",
                "${text}"),
            Map.of("text", param(true, null))));
    templates.put(
        "hold",
        template(
            List.of(
                "sh",
                "-c",
                "printf '%s\\n' \"$1\"; while [ ! -e \"$2\" ]; do sleep 0.1; done; echo released;"
                    + " exit \"$3\"",
                "hold",
                "${text}",
                "${release}",
                "${code}"),
            Map.of(
                "text", param(true, null),
                "release", param(true, null),
                "code", param(false, "0"))));
    templates.put(
        "env",
        template(
            List.of(
                "sh",
                "-c",
                "echo \"CUDA_VISIBLE_DEVICES=[$CUDA_VISIBLE_DEVICES]\"; env | grep '^BERTH_' |"
                    + " sort"),
            Map.of(
                "config-file",
                param(false, "configs/default.py"),
                "data.set",
                param(false, null))));
    templates.put("printenv", template(List.of("env"), Map.of()));
    templates.put(
        "read", template(List.of("cat", "${file}"), Map.of("file", param(true, null))));
    templates.put("whoami", template(List.of("id", "-un"), Map.of()));
    templates.put(
        "touch", template(List.of("touch", "${name}"), Map.of("name", param(true, null))));
    templates.put(
        "family",
        template(
            List.of("sh", "-c", "sleep 600 & echo $! > grandchild.pid; echo started; wait"),
            Map.of()));
    templates.put(
        "stubborn",
        template(
            List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 1; done"), Map.of()));
    Map<String, Object> pwd =
        template(List.of("sh", "-c", "pwd -P"), Map.of("project", param(true, null)));
    pwd.put("workDir", "projects/${project}");
    templates.put("pwd", pwd);
    templates.put(
        "where", template(List.of("sh", "-c", "pwd -P"), Map.of("work-dir", param(false, null))));
    templates.put(
        "echo",
        template(List.of("echo", "${job.id}:${job.user}:${job.gpus}:$${literal}"), Map.of()));
    templates.put("broken", template(List.of("echo", "${nope}"), Map.of()));

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("killGraceSeconds", killGraceSeconds);
    config.put("templates", templates);
    return config;
  }

  private static Map<String, Object> template(
      List<String> command, Map<String, Object> parameters) {
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("command", command);
    template.put("description", "test job");
    template.put("parameters", parameters);
    return template;
  }

  private static Map<String, Object> param(boolean required, String defaultValue) {
    Map<String, Object> param = new LinkedHashMap<>();
    param.put("required", required);
    if (defaultValue != null) {
      param.put("default", defaultValue);
    }
    return param;
  }
}
