package dev.berth.executor.argo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays Argo's workflow controller, the Kubernetes scheduler and the kubelet on the mock server,
 * the way they behave on a real cluster, for the test templates. Each behaviour follows Argo's
 * source (argoproj/argo-workflows v3.5–v3.7; paths as in v3.6):
 *
 * <ul>
 *   <li>A new workflow never shows {@code Pending}: the controller's first pass sets it {@code
 *       Running}, with {@code status.startedAt}, before any pod runs ({@code
 *       pkg/apis/workflow/v1alpha1/workflow_phase.go}: "pods might not be running yet"; {@code
 *       workflow/controller/operator.go} {@code operate}).
 *   <li>Its pod is created Pending and stays Pending, with a {@code PodScheduled=False},
 *       reason {@code Unschedulable} condition and the scheduler's message, while no node that
 *       matches its {@code nodeSelector} has the GPUs it asks for; Argo copies that message into
 *       the pod node's status. It is scheduled when GPUs free up or a node is added.
 *   <li>The pod's {@code nodeSelector} is the step template's when it has one, else the
 *       Workflow's: no merge ({@code workflow/controller/workflowpod.go} {@code
 *       addSchedulingConstraints}). Then the Workflow's {@code podSpecPatch}, and the template's,
 *       are applied as strategic merge patches, which do merge maps ({@code createWorkflowPod}).
 *       A Workflow that refers to a WorkflowTemplate gets the template's spec under its own
 *       ({@code joinWorkflowSpec}).
 *   <li>With {@code spec.podGC} ({@code OnPodCompletion}, {@code OnPodSuccess}, {@code
 *       OnWorkflowCompletion}), an ended pod is deleted once {@code deleteDelayDuration} has passed
 *       ({@code workflow/controller/pod_cleanup.go}); its log goes with it.
 *   <li>With {@code spec.ttlStrategy.secondsAfterCompletion} (or {@code ...AfterSuccess}/{@code
 *       ...AfterFailure}), an ended workflow is deleted that long after {@code finishedAt} ({@code
 *       workflow/gccontroller/gc_controller.go}).
 *   <li>A workflow whose {@code spec.shutdown} is set is stopped: its pod fails and it ends
 *       Failed, "Stopped with strategy 'Terminate'".
 * </ul>
 *
 * Time is the cluster's {@link FakeArgoCluster#clock()}: tests move it and call {@link
 * #collectGarbage} to let podGC and TTLs act. Dropped watches (410 Gone) are {@link
 * FakeArgoCluster#answerWatchesWithGone}.
 *
 * <p>Templates: {@code greet} prints {@code text}, ends Succeeded, or Failed with exit code {@code
 * code}; {@code count} prints {@code line 1} … {@code line <lines>}; {@code forever} prints {@code
 * text} and runs until stopped (or {@link #finish}ed). A WorkflowTemplate added with {@link
 * FakeArgoCluster#addWorkflowTemplate} runs as {@code forever}.
 */
final class FakeArgoController implements AutoCloseable {
  static final ResourceDefinitionContext TEMPLATES =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io").withVersion("v1alpha1").withKind("WorkflowTemplate")
          .withPlural("workflowtemplates").withNamespaced(true).build();

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String GPU = "nvidia.com/gpu";

  private final FakeArgoCluster cluster;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-argo-controller"));
  private final SharedIndexInformer<GenericKubernetesResource> informer;

  FakeArgoController(FakeArgoCluster cluster) {
    this.cluster = cluster;
    this.informer =
        cluster.workflows().inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(GenericKubernetesResource wf) {
                enqueue(wf.getMetadata().getName());
              }

              @Override
              public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                enqueue(after.getMetadata().getName());
              }

              @Override
              public void onDelete(GenericKubernetesResource wf, boolean finalStateUnknown) {}
            });
  }

  private void enqueue(String name) {
    if (!worker.isShutdown()) {
      worker.execute(() -> step(name));
    }
  }

  /** Runs {@code task} on the controller's thread and waits for it. */
  private void onWorker(Runnable task) {
    try {
      worker.submit(task).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Moves one workflow on from the state it is in now. */
  private void step(String name) {
    GenericKubernetesResource wf = cluster.workflow(name);
    if (wf == null) {
      return;
    }
    String phase = Workflows.phase(wf);
    String pod = name + "-main";
    String shutdown = Workflows.shutdown(wf);
    if (phase.isEmpty()) {
      start(wf, pod);
    } else if ("Running".equals(phase) && !shutdown.isBlank()) {
      if (cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(pod).get() != null) {
        cluster.setPodPhase(pod, "Failed");
      }
      end(name, pod, "Failed", "Stopped with strategy '" + shutdown + "'", null);
    }
  }

  /** The controller's first pass: Running at once, and a pod that waits for the scheduler. */
  private void start(GenericKubernetesResource wf, String pod) {
    String name = wf.getMetadata().getName();
    cluster.setPhase(name, "Running");
    cluster.createPod(name, pod, "Pending", nodeSelector(wf));
    setPodNode(name, pod, "Pending", null);
    schedule(pod);
  }

  /** The pod's nodeSelector as Argo builds it. */
  private Map<String, String> nodeSelector(GenericKubernetesResource wf) {
    Map<String, Object> spec = joinedSpec(wf);
    Map<String, Object> step = stepTemplate(spec);
    Map<String, String> selector = new LinkedHashMap<>();
    Object own = step.get("nodeSelector");
    Object workflowLevel = spec.get("nodeSelector");
    // addSchedulingConstraints: the template's selector, else the workflow's; never both.
    Object chosen = own instanceof Map<?, ?> m && !m.isEmpty() ? own : workflowLevel;
    if (chosen instanceof Map<?, ?> m) {
      m.forEach((k, v) -> selector.put(k.toString(), v.toString()));
    }
    // createWorkflowPod: the workflow's podSpecPatch, then the template's, merged in.
    for (Object patch : new Object[] {spec.get("podSpecPatch"), step.get("podSpecPatch")}) {
      if (patch != null && !patch.toString().isBlank()) {
        try {
          Map<String, Object> parsed = YAML.readValue(patch.toString(), new TypeReference<Map<String, Object>>() {});
          if (parsed.get("nodeSelector") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> selector.put(k.toString(), v.toString()));
          }
        } catch (Exception e) {
          throw new IllegalStateException("podSpecPatch is not YAML: " + patch, e);
        }
      }
    }
    return selector;
  }

  /** The Workflow's spec laid over its WorkflowTemplate's, as joinWorkflowSpec does. */
  private Map<String, Object> joinedSpec(GenericKubernetesResource wf) {
    Map<String, Object> joined = new LinkedHashMap<>();
    String ref = Workflows.text(wf, "spec", "workflowTemplateRef", "name");
    GenericKubernetesResource template = ref.isEmpty() ? null : cluster.workflowTemplates().withName(ref).get();
    if (template != null) {
      joined.putAll(Workflows.section(template, "spec"));
    }
    joined.putAll(Workflows.section(wf, "spec"));
    return joined;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stepTemplate(Map<String, Object> spec) {
    if (spec.get("templates") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    return Map.of();
  }

  /** The scheduler: binds the pod to a node that matches and has the GPUs free, or says why not. */
  private void schedule(String pod) {
    Pod p = cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(pod).get();
    if (p == null || !"Pending".equals(p.getStatus().getPhase())) {
      return;
    }
    String workflow = p.getMetadata().getLabels().get(Workflows.POD_WORKFLOW_LABEL);
    GenericKubernetesResource wf = cluster.workflow(workflow);
    if (wf == null) {
      return;
    }
    int gpus = Integer.parseInt(arguments(wf).getOrDefault("gpus", "0"));
    List<Node> nodes = cluster.client().nodes().list().getItems();
    String chosen = null;
    int noMatch = 0;
    int noGpu = 0;
    for (Node node : nodes) {
      Map<String, String> labels = node.getMetadata().getLabels();
      boolean matches = p.getSpec().getNodeSelector().entrySet().stream()
          .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
      if (!matches) {
        noMatch++;
      } else if (freeGpus(node) < gpus) {
        noGpu++;
      } else {
        chosen = node.getMetadata().getName();
        break;
      }
    }
    if (nodes.isEmpty()) {
      chosen = "any-node"; // a test without nodes: anything schedules
    }
    if (chosen == null) {
      String message = nodes.size() + "/" + nodes.size() + " nodes are available:"
          + (noGpu > 0 ? " " + noGpu + " Insufficient " + GPU + "," : "")
          + (noMatch > 0 ? " " + noMatch + " node(s) didn't match Pod's node affinity/selector," : "");
      message = message.substring(0, message.length() - 1) + ".";
      unschedulable(pod, message);
      setPodNode(workflow, pod, "Pending", "Unschedulable: " + message);
      return;
    }
    String node = chosen;
    cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(pod).edit(q -> {
      q.getSpec().setNodeName(node);
      q.getStatus().setConditions(List.of(condition("True", null, null)));
      return q;
    });
    cluster.setPodPhase(pod, "Running");
    setPodNode(workflow, pod, "Running", null);
    run(wf, pod);
  }

  private void unschedulable(String pod, String message) {
    cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(pod).edit(q -> {
      boolean already = q.getStatus().getConditions().stream()
          .anyMatch(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()));
      if (!already) {
        q.getStatus().setConditions(List.of(condition("False", "Unschedulable", message)));
      }
      return q;
    });
  }

  private PodCondition condition(String status, String reason, String message) {
    return new PodConditionBuilder()
        .withType("PodScheduled").withStatus(status).withReason(reason).withMessage(message)
        .withLastTransitionTime(cluster.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
        .build();
  }

  private int freeGpus(Node node) {
    Quantity q = node.getStatus().getAllocatable().get(GPU);
    int total = q == null ? 0 : Integer.parseInt(q.getAmount());
    int used = 0;
    for (Pod p : cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).list().getItems()) {
      if (node.getMetadata().getName().equals(p.getSpec().getNodeName()) && "Running".equals(p.getStatus().getPhase())) {
        String wf = p.getMetadata().getLabels().get(Workflows.POD_WORKFLOW_LABEL);
        GenericKubernetesResource w = wf == null ? null : cluster.workflow(wf);
        used += w == null ? 0 : Integer.parseInt(arguments(w).getOrDefault("gpus", "0"));
      }
    }
    return total - used;
  }

  /** The kubelet runs the container as the test template says. */
  private void run(GenericKubernetesResource wf, String pod) {
    String name = wf.getMetadata().getName();
    Map<String, String> args = arguments(wf);
    String template = Workflows.text(wf, "spec", "workflowTemplateRef", "name");
    switch (template) {
      case "greet" -> {
        cluster.kubelet().print(pod, args.get("text") + "\n");
        int code = Integer.parseInt(args.getOrDefault("code", "0"));
        if (code == 0) {
          cluster.setPodPhase(pod, "Succeeded");
          end(name, pod, "Succeeded", null, null);
        } else {
          cluster.setPodPhase(pod, "Failed");
          end(name, pod, "Failed", "Error (exit code " + code + ")", code);
        }
      }
      case "count" -> {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= Integer.parseInt(args.get("lines")); i++) {
          lines.append("line ").append(i).append('\n');
        }
        cluster.kubelet().print(pod, lines.toString());
        cluster.setPodPhase(pod, "Succeeded");
        end(name, pod, "Succeeded", null, null);
      }
      case "forever" -> cluster.kubelet().print(pod, args.getOrDefault("text", "") + "\n");
      default -> {
        if (cluster.workflowTemplates().withName(template).get() != null) {
          cluster.kubelet().started(pod);
        } else {
          cluster.setPodPhase(pod, "Failed");
          end(name, pod, "Error", "no WorkflowTemplate " + template, null);
        }
      }
    }
  }

  /** Ends a running workflow's pod as the test says: it succeeded, or failed with {@code code}. */
  void finish(String name, int code) {
    onWorker(() -> {
      String pod = name + "-main";
      cluster.setPodPhase(pod, code == 0 ? "Succeeded" : "Failed");
      end(name, pod, code == 0 ? "Succeeded" : "Failed", code == 0 ? null : "Error (exit code " + code + ")",
          code == 0 ? null : code);
    });
  }

  /** Ends the workflow, records its pod node, and gives freed GPUs to pods waiting for them. */
  private void end(String name, String pod, String phase, String message, Integer exitCode) {
    if (exitCode != null || !"Succeeded".equals(phase)) {
      cluster.fail(name, phase, message, exitCode);
    } else {
      cluster.setPhase(name, phase);
    }
    setPodNode(name, pod, phase, message);
    collect();
    for (Pod p : cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).list().getItems()) {
      schedule(p.getMetadata().getName());
    }
  }

  /** Records the pod's node in {@code status.nodes}, as the controller does for each pod. */
  private void setPodNode(String workflow, String pod, String phase, String message) {
    cluster.edit(workflow, wf -> {
      Map<String, Object> status = cluster.status(wf, Workflows.phase(wf), null);
      Map<String, Object> nodes = new LinkedHashMap<>();
      if (status.get("nodes") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> nodes.put(k.toString(), v));
      }
      Map<String, Object> node = new LinkedHashMap<>();
      if (nodes.get(workflow) instanceof Map<?, ?> m) {
        m.forEach((k, v) -> node.put(k.toString(), v));
      }
      node.put("id", workflow);
      node.put("name", workflow);
      node.put("type", "Pod");
      node.put("phase", phase);
      node.putIfAbsent("startedAt", cluster.clock().instant().toString());
      if (message != null) {
        node.put("message", message);
      }
      if (Workflows.isFinishedPhase(phase)) {
        node.put("finishedAt", cluster.clock().instant().toString());
      }
      nodes.put(workflow, node);
      status.put("nodes", nodes);
    });
  }

  /** Lets podGC and TTLs act at the cluster's time now; tests call it after moving the clock. */
  void collectGarbage() {
    onWorker(this::collect);
  }

  private void collect() {
    Instant now = cluster.clock().instant();
    for (GenericKubernetesResource wf : cluster.workflows().list().getItems()) {
      String name = wf.getMetadata().getName();
      Map<String, Object> spec = joinedSpec(wf);
      String podEnded = Workflows.text(wf, "status", "nodes", name, "finishedAt");
      if (!podEnded.isEmpty() && spec.get("podGC") instanceof Map<?, ?> gc && gc.get("strategy") != null) {
        Duration delay = duration(gc.get("deleteDelayDuration"));
        if (!Instant.parse(podEnded).plus(delay).isAfter(now)
            && cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(name + "-main").get() != null) {
          cluster.deletePod(name + "-main");
        }
      }
      String finished = Workflows.text(wf, "status", "finishedAt");
      if (!finished.isEmpty() && spec.get("ttlStrategy") instanceof Map<?, ?> ttl) {
        Object seconds = ttl.get("secondsAfterCompletion");
        if (seconds == null) {
          seconds = "Succeeded".equals(Workflows.phase(wf)) ? ttl.get("secondsAfterSuccess") : ttl.get("secondsAfterFailure");
        }
        if (seconds != null
            && !Instant.parse(finished).plusSeconds(Long.parseLong(seconds.toString())).isAfter(now)) {
          cluster.workflows().withName(name).delete();
        }
      }
    }
  }

  /** A Go duration as Argo writes them ("30s", "10m", "1h"); zero when absent. */
  private static Duration duration(Object text) {
    if (text == null || text.toString().isBlank()) {
      return Duration.ZERO;
    }
    String t = text.toString().trim();
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("duration " + t);
    };
  }

  /** Gives GPUs to pods waiting for them, after a test added a node. */
  void scheduleWaitingPods() {
    onWorker(() -> {
      for (Pod p : cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).list().getItems()) {
        schedule(p.getMetadata().getName());
      }
    });
  }

  static Map<String, String> arguments(GenericKubernetesResource wf) {
    Map<String, String> out = new LinkedHashMap<>();
    Object parameters = Workflows.section(wf, "spec", "arguments").get("parameters");
    if (parameters instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> p) {
          out.put(String.valueOf(p.get("name")), String.valueOf(p.get("value")));
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    informer.close();
    worker.shutdown();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
