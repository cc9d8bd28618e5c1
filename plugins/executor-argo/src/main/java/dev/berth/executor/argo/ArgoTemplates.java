package dev.berth.executor.argo;

import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.PluginConfig;
import dev.berth.api.TemplateParameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code executor.argo.templates}: job template name → workflow source and parameters. */
final class ArgoTemplates {
  /** Argo's own rule for parameter names (the CRD's pattern). */
  private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");

  /** A Kubernetes object name (DNS subdomain). */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private ArgoTemplates() {}

  /**
   * Every configured template, in config order; the Proto-GCN template when none is configured.
   *
   * @param reserved argument names Berth fills itself, which a template may not declare
   * @throws IllegalArgumentException naming the config key that is wrong
   */
  static Map<String, ArgoTemplate> from(PluginConfig section, Set<String> reserved) {
    Map<String, ArgoTemplate> out = new LinkedHashMap<>();
    for (String name : section.values().keySet()) {
      out.put(name, fromConfig(name, section.section(name), reserved));
    }
    if (out.isEmpty()) {
      ArgoTemplate protoGcn = protoGcn();
      out.put(protoGcn.name(), protoGcn);
    }
    return out;
  }

  /**
   * The reference design's job: WorkflowTemplate {@code proto-gcn} (shipped in {@code
   * examples/argo/}) with {@code config-file} and {@code work-dir}.
   */
  static ArgoTemplate protoGcn() {
    return new ArgoTemplate(
        new JobTemplate(
            "proto-gcn",
            "Proto-GCN skeleton action recognition training (WorkflowTemplate proto-gcn)",
            List.of(
                new TemplateParameter(
                    "config-file",
                    ParameterKind.PATH,
                    true,
                    null,
                    "Training config, e.g. configs/ntu60_xsub/j.py"),
                new TemplateParameter(
                    "work-dir",
                    ParameterKind.RELATIVE_PATH,
                    true,
                    null,
                    "Where checkpoints and logs go"))),
        new WorkflowSource.TemplateRef("proto-gcn", false));
  }

  /**
   * One entry: {@code description}, then either {@code workflowTemplate} (default: the entry's
   * name) with {@code clusterScope}, or {@code manifest} (a Workflow file); and {@code parameters}
   * (name → {@code required}, {@code default}, {@code kind}, {@code description}), which for a
   * manifest default to the manifest's own arguments.
   */
  static ArgoTemplate fromConfig(String name, PluginConfig section, Set<String> reserved) {
    String description = section.getString("description", "");
    boolean hasManifest = section.has("manifest");
    if (hasManifest && section.has("workflowTemplate")) {
      throw new IllegalArgumentException(
          "config " + section.path() + ": set either workflowTemplate or manifest, not both");
    }
    if (hasManifest && section.has("clusterScope")) {
      throw new IllegalArgumentException(
          "config " + section.path() + ".clusterScope applies to workflowTemplate, not to manifest");
    }
    List<TemplateParameter> declared = parameters(section.section("parameters"), reserved);
    if (hasManifest) {
      WorkflowSource.Manifest manifest =
          WorkflowManifests.load(
              Path.of(section.getString("manifest", "")), section.path() + ".manifest");
      if (!section.has("parameters")) {
        declared = WorkflowManifests.declaredParameters(manifest.workflow(), reserved);
      }
      return new ArgoTemplate(new JobTemplate(name, description, declared), manifest);
    }
    String workflowTemplate = section.getString("workflowTemplate", name);
    if (!OBJECT_NAME.matcher(workflowTemplate).matches()) {
      throw new IllegalArgumentException(
          "config "
              + section.path()
              + ".workflowTemplate must be a Kubernetes object name (lower-case letters, digits,"
              + " '-' and '.'), was '"
              + workflowTemplate
              + "'");
    }
    return new ArgoTemplate(
        new JobTemplate(name, description, declared),
        new WorkflowSource.TemplateRef(workflowTemplate, section.getBoolean("clusterScope", false)));
  }

  private static List<TemplateParameter> parameters(PluginConfig section, Set<String> reserved) {
    List<TemplateParameter> out = new ArrayList<>();
    for (String parameter : section.values().keySet()) {
      PluginConfig p = section.section(parameter);
      if (!PARAMETER_NAME.matcher(parameter).matches()) {
        throw new IllegalArgumentException(
            "config "
                + p.path()
                + ": an Argo parameter name may hold only letters, digits, '-' and '_'");
      }
      if (reserved.contains(parameter)) {
        throw new IllegalArgumentException(
            "config "
                + p.path()
                + ": '"
                + parameter
                + "' is filled by Berth for every workflow; it cannot be a job parameter"
                + " (reserved: "
                + String.join(", ", reserved)
                + ")");
      }
      out.add(TemplateParameter.fromConfig(parameter, p));
    }
    return out;
  }
}
