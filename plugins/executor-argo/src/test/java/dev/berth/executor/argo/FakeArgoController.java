package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Plays Argo's workflow controller (and the kubelet) on the mock server for the test templates, so
 * the executor meets workflows that really run: each new workflow gets a pod, prints, turns
 * Running, and ends as its template says; a workflow whose {@code spec.shutdown} is set is stopped
 * as Argo stops it ("Stopped with strategy 'Terminate'").
 *
 * <ul>
 *   <li>{@code greet}: prints {@code text}, ends Succeeded, or Failed with exit code {@code code}
 *   <li>{@code count}: prints {@code line 1} … {@code line <lines>}, ends Succeeded
 *   <li>{@code forever}: prints {@code text}, runs until stopped
 * </ul>
 */
final class FakeArgoController implements AutoCloseable {
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
      run(wf, pod);
    } else if ("Running".equals(phase) && !shutdown.isBlank()) {
      cluster.setPodPhase(pod, "Failed");
      cluster.fail(name, "Failed", "Stopped with strategy '" + shutdown + "'", null);
    }
  }

  private void run(GenericKubernetesResource wf, String pod) {
    String name = wf.getMetadata().getName();
    Map<String, String> args = arguments(wf);
    String template = Workflows.text(wf, "spec", "workflowTemplateRef", "name");
    cluster.setPhase(name, "Pending");
    cluster.createPod(name, pod, "Running");
    switch (template) {
      case "greet" -> {
        cluster.kubelet().print(pod, args.get("text") + "\n");
        cluster.setPhase(name, "Running");
        int code = Integer.parseInt(args.getOrDefault("code", "0"));
        if (code == 0) {
          cluster.setPodPhase(pod, "Succeeded");
          cluster.setPhase(name, "Succeeded");
        } else {
          cluster.setPodPhase(pod, "Failed");
          cluster.fail(name, "Failed", "Error (exit code " + code + ")", code);
        }
      }
      case "count" -> {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= Integer.parseInt(args.get("lines")); i++) {
          lines.append("line ").append(i).append('\n');
        }
        cluster.kubelet().print(pod, lines.toString());
        cluster.setPhase(name, "Running");
        cluster.setPodPhase(pod, "Succeeded");
        cluster.setPhase(name, "Succeeded");
      }
      case "forever" -> {
        cluster.kubelet().print(pod, args.get("text") + "\n");
        cluster.setPhase(name, "Running");
      }
      default -> {
        cluster.setPodPhase(pod, "Failed");
        cluster.fail(name, "Error", "no WorkflowTemplate " + template, null);
      }
    }
  }

  private static Map<String, String> arguments(GenericKubernetesResource wf) {
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
