package dev.berth.executor.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.berth.api.ExecutionException;
import dev.berth.api.Job;
import dev.berth.api.TemplateParameter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Builds the exact {@code Workflow} Berth creates for a job. Pure: it reads no file and calls no
 * cluster, so {@code berth argo render} shows what {@code submit} would send.
 *
 * <p>The node pin is a Workflow-level {@code podSpecPatch} setting the pod's {@code nodeSelector}
 * to the node's {@code kubernetes.io/hostname} label. Argo ignores a Workflow-level {@code
 * nodeSelector} whenever the step template has its own (workflowpod.go {@code
 * addSchedulingConstraints}: the template's wins, no merge), but it applies the Workflow's {@code
 * podSpecPatch} to every pod after that, as a strategic merge patch, so the pin joins the
 * template's selector instead of being dropped.
 *
 * <p>The same patch gives the training container ({@code logContainer}) Berth's variables, {@code
 * BERTH_JOB_ID}, {@code BERTH_ATTEMPT} and, for an array element, {@code BERTH_ARRAY_INDEX} and
 * {@code BERTH_ARRAY_ID}: containers and their {@code env} merge by name, so this works for a
 * referenced WorkflowTemplate Berth never reads as well as for a manifest. A manifest may also use
 * the local executor's placeholders ({@link #PLACEHOLDERS}) in its strings; other {@code ${...}}
 * (a script's shell variables) are left alone.
 */
final class WorkflowRenderer {
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private static final Pattern LABEL_VALUE =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  /** The placeholders a manifest's strings may use, as in the local executor's templates. */
  static final List<String> PLACEHOLDERS =
      List.of("job.id", "job.user", "job.gpus", "job.attempt", "array.index", "array.id");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ArgoExecutorConfig config;
  private final WorkflowIdentity identity;
  private final Set<String> localNodes;

  /**
   * @param localNodes the names this machine goes by: a job placed on one of them was placed by a
   *     single-host probe, and {@link PlacementMode#AUTO} then leaves placement to Kubernetes
   */
  WorkflowRenderer(ArgoExecutorConfig config, WorkflowIdentity identity, Set<String> localNodes) {
    this.config = config;
    this.identity = identity;
    this.localNodes = Set.copyOf(localNodes);
  }

  /** The workflow for {@code job}, pinned by the node's name as its hostname label. */
  GenericKubernetesResource render(Job job, String namespace) {
    return render(job, namespace, job.placement() == null ? null : job.placement().node());
  }

  /**
   * The workflow for {@code job} in {@code namespace}.
   *
   * @param hostname the {@code kubernetes.io/hostname} label of the job's node, which differs from
   *     its name under {@code --hostname-override}
   * @throws ExecutionException when the job names a template this executor does not offer
   */
  GenericKubernetesResource render(Job job, String namespace, String hostname) {
    if (!WorkflowIdentity.isValidJobId(job.id())) {
      throw new ExecutionException("job id '" + job.id() + "' cannot name a workflow");
    }
    ArgoTemplate template = config.templates().get(job.template());
    if (template == null) {
      throw new ExecutionException(
          "unknown template '" + job.template() + "'; this executor offers " + config.templates().keySet());
    }
    Map<String, Object> base = substitute(baseWorkflow(template.source()), placeholders(job));
    Map<String, Object> spec = MapTrees.childMap(base, "spec");

    GenericKubernetesResource workflow = new GenericKubernetesResource();
    workflow.setApiVersion(Workflows.API_VERSION);
    workflow.setKind(Workflows.KIND);
    workflow.setMetadata(metadata(job, namespace, MapTrees.childMap(base, "metadata")));
    if (config.serviceAccount() != null) {
      spec.put("serviceAccountName", config.serviceAccount());
    }
    spec.put("podSpecPatch", podSpecPatch(spec.get("podSpecPatch"), nodePin(job, hostname), environment(job)));
    Map<String, Object> podLabels = MapTrees.childMap(MapTrees.childMap(spec, "podMetadata"), "labels");
    podLabels.put(WorkflowIdentity.INSTALLATION_LABEL, identity.installation());
    podLabels.put(WorkflowIdentity.JOB_ID_LABEL, job.id());
    podLabels.put(WorkflowIdentity.ATTEMPT_LABEL, Integer.toString(job.attempt()));
    setArguments(spec, arguments(job, template, hostname));
    workflow.setAdditionalProperty("spec", spec);
    return workflow;
  }

  private static Map<String, Object> baseWorkflow(WorkflowSource source) {
    Map<String, Object> base = new LinkedHashMap<>();
    if (source instanceof WorkflowSource.Manifest manifest) {
      base.putAll(MapTrees.deepCopy(manifest.workflow()));
    } else if (source instanceof WorkflowSource.TemplateRef ref) {
      Map<String, Object> templateRef = new LinkedHashMap<>();
      templateRef.put("name", ref.name());
      if (ref.clusterScope()) {
        templateRef.put("clusterScope", true);
      }
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("workflowTemplateRef", templateRef);
      base.put("spec", spec);
    }
    return base;
  }

  private ObjectMeta metadata(Job job, String namespace, Map<String, Object> manifestMetadata) {
    Map<String, String> labels = new LinkedHashMap<>(MapTrees.stringMap(manifestMetadata.get("labels")));
    labels.putAll(config.labels());
    labels.put(WorkflowIdentity.MANAGED_BY_LABEL, WorkflowIdentity.MANAGED_BY);
    labels.put(WorkflowIdentity.INSTALLATION_LABEL, identity.installation());
    labels.put(WorkflowIdentity.JOB_ID_LABEL, job.id());
    labels.put(WorkflowIdentity.ATTEMPT_LABEL, Integer.toString(job.attempt()));
    String userLabel = WorkflowIdentity.userLabel(job.user() == null ? "" : job.user());
    if (!userLabel.isEmpty()) {
      labels.put(WorkflowIdentity.USER_LABEL, userLabel);
    }
    Map<String, String> annotations =
        new LinkedHashMap<>(MapTrees.stringMap(manifestMetadata.get("annotations")));
    annotations.putAll(config.annotations());
    if (job.user() != null) {
      annotations.put(WorkflowIdentity.USER_ANNOTATION, job.user());
    }
    if (job.name() != null) {
      annotations.put(WorkflowIdentity.JOB_NAME_ANNOTATION, job.name());
    }
    annotations.put(WorkflowIdentity.TEMPLATE_ANNOTATION, job.template());
    annotations.put(WorkflowIdentity.INSTALLATION_ANNOTATION, identity.installation());
    annotations.put(
        WorkflowIdentity.SUBMITTED_AT_ANNOTATION, WorkflowIdentity.submittedAt(job.submittedAt()));
    ObjectMeta meta = new ObjectMeta();
    meta.setName(identity.runName(job));
    meta.setNamespace(namespace);
    meta.setLabels(labels);
    meta.setAnnotations(annotations);
    return meta;
  }

  /** The hostname to pin the pods to; null to leave placement to Kubernetes. */
  private String nodePin(Job job, String hostname) {
    String node = job.placement() == null ? null : job.placement().node();
    if (node == null || node.isBlank() || hostname == null || hostname.isBlank()) {
      return null;
    }
    boolean selector =
        switch (config.placement()) {
          case NODE_SELECTOR -> true;
          case AUTO -> !localNodes.contains(node);
          case PARAMETER, NONE -> false;
        };
    if (!selector) {
      return null;
    }
    if (!LABEL_VALUE.matcher(hostname).matches()) {
      throw new ExecutionException(
          "node '" + node + "' has hostname '" + hostname + "', which cannot be a nodeSelector value"
              + " (kubernetes.io/hostname)");
    }
    return hostname;
  }

  /** Berth's variables for the training container, in a stable order. */
  private static Map<String, String> environment(Job job) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BERTH_JOB_ID", job.id());
    env.put("BERTH_ATTEMPT", Integer.toString(job.attempt()));
    if (job.flow().arrayIndex() != null) {
      env.put("BERTH_ARRAY_INDEX", job.flow().arrayIndex().toString());
      env.put("BERTH_ARRAY_ID", job.flow().arrayId() == null ? "" : job.flow().arrayId());
    }
    return env;
  }

  /** The values of {@link #PLACEHOLDERS} for {@code job}; "" for an array's outside an array. */
  private static Map<String, String> placeholders(Job job) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("job.id", job.id());
    values.put("job.user", job.user() == null ? "" : job.user());
    values.put("job.gpus", Integer.toString(job.gpus()));
    values.put("job.attempt", Integer.toString(job.attempt()));
    values.put("array.index", job.flow().arrayIndex() == null ? "" : job.flow().arrayIndex().toString());
    values.put("array.id", job.flow().arrayId() == null ? "" : job.flow().arrayId());
    return values;
  }

  /** {@code tree} with {@code ${name}} of each known placeholder replaced in every string. */
  @SuppressWarnings("unchecked")
  private static <T> T substitute(T tree, Map<String, String> values) {
    if (tree instanceof String text) {
      String out = text;
      for (Map.Entry<String, String> e : values.entrySet()) {
        out = out.replace("${" + e.getKey() + "}", e.getValue());
      }
      return (T) out;
    }
    if (tree instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, substitute(v, values)));
      return (T) out;
    }
    if (tree instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(substitute(v, values)));
      return (T) out;
    }
    return tree;
  }

  /**
   * The manifest's own Workflow-level podSpecPatch, if any, with the hostname selector (when
   * {@code hostname} is not null) and Berth's variables on the training container merged in.
   */
  private String podSpecPatch(Object existing, String hostname, Map<String, String> env) {
    Map<String, Object> patch = new LinkedHashMap<>();
    if (existing != null && !existing.toString().isBlank()) {
      try {
        Map<String, Object> parsed =
            YAML.readValue(existing.toString(), new TypeReference<LinkedHashMap<String, Object>>() {});
        if (parsed != null) {
          patch.putAll(parsed);
        }
      } catch (JsonProcessingException e) {
        throw new ExecutionException("the workflow's spec.podSpecPatch is not valid YAML: " + e.getOriginalMessage());
      }
    }
    if (hostname != null) {
      MapTrees.childMap(patch, "nodeSelector").put(HOSTNAME_LABEL, hostname);
    }
    withEnvironment(patch, env);
    try {
      return JSON.writeValueAsString(patch);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds {@code env} to the training container of {@code patch}, keeping what the manifest's own
   * patch sets for it; Berth's values win for Berth's names.
   */
  @SuppressWarnings("unchecked")
  private void withEnvironment(Map<String, Object> patch, Map<String, String> env) {
    List<Object> containers = new ArrayList<>();
    if (patch.get("containers") instanceof List<?> existing) {
      containers.addAll(existing);
    }
    Map<String, Object> training = null;
    for (Object c : containers) {
      if (c instanceof Map<?, ?> m && config.logContainer().equals(m.get("name"))) {
        training = (Map<String, Object>) m;
      }
    }
    if (training == null) {
      training = new LinkedHashMap<>();
      training.put("name", config.logContainer());
      containers.add(training);
    }
    List<Object> vars = new ArrayList<>();
    if (training.get("env") instanceof List<?> existing) {
      for (Object v : existing) {
        if (!(v instanceof Map<?, ?> m && env.containsKey(String.valueOf(m.get("name"))))) {
          vars.add(v);
        }
      }
    }
    env.forEach((name, value) -> {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("name", name);
      v.put("value", value);
      vars.add(v);
    });
    training.put("env", vars);
    patch.put("containers", containers);
  }

  /** The job's parameters in the template's order, then any others, then Berth's own. */
  private Map<String, String> arguments(Job job, ArgoTemplate template, String hostname) {
    Map<String, String> out = new LinkedHashMap<>();
    for (TemplateParameter p : template.descriptor().parameters()) {
      String value = job.parameters().get(p.name());
      if (value != null) {
        out.put(p.name(), value);
      }
    }
    new TreeMap<>(job.parameters()).forEach(out::putIfAbsent);
    out.put(ArgoExecutorConfig.USER_PARAMETER, job.user() == null ? "" : job.user());
    out.put(ArgoExecutorConfig.GPUS_PARAMETER, Integer.toString(job.gpus()));
    if (job.timeLimitSeconds() != null) {
      // A step template bounds the pod with it (the chart's activeDeadlineSeconds); a Workflow-level
      // deadline would count the wait for a GPU too. The reconciler's backstop covers the rest.
      out.put(ArgoExecutorConfig.TIME_LIMIT_PARAMETER, Integer.toString(job.timeLimitSeconds()));
    }
    if (config.placement() == PlacementMode.PARAMETER && job.placement() != null) {
      out.put(config.nodeParameter(), hostname == null ? job.placement().node() : hostname);
    }
    return out;
  }

  /**
   * Sets each argument as {@code argo submit -p name=value} does: the value of a parameter the
   * workflow already lists is replaced in place, others are appended.
   */
  private static void setArguments(Map<String, Object> spec, Map<String, String> values) {
    Map<String, Object> arguments = MapTrees.childMap(spec, "arguments");
    List<Object> parameters = new ArrayList<>();
    if (arguments.get("parameters") instanceof List<?> existing) {
      parameters.addAll(existing);
    }
    Map<String, String> remaining = new LinkedHashMap<>(values);
    for (Object item : parameters) {
      if (item instanceof Map<?, ?> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) raw;
        Object name = p.get("name");
        String value = name == null ? null : remaining.remove(name.toString());
        if (value != null) {
          p.remove("valueFrom");
          p.put("value", value);
        }
      }
    }
    remaining.forEach((name, value) -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", name);
      p.put("value", value);
      parameters.add(p);
    });
    arguments.put("parameters", parameters);
  }
}
