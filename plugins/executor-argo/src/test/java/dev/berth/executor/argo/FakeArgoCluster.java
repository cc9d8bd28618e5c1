package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes API for one test: fabric8's mock server in CRUD mode (what is created can be read,
 * listed, watched, patched and deleted), plus the pod logs CRUD mode lacks ({@link FakeKubelet}).
 * Nothing runs workflows by itself: a test moves their {@code status} by hand, as Argo's CRD has no
 * status subresource, or starts a {@link FakeArgoController} to do it.
 *
 * <p>Registered with {@code @RegisterExtension}: it starts before each test and stops after the
 * test's own {@code @AfterEach} methods, so executors can still talk to it while they clean up.
 */
final class FakeArgoCluster implements BeforeEachCallback, AfterEachCallback {
  static final String NAMESPACE = "berth-test";

  private final FakeKubelet kubelet = new FakeKubelet();
  private KubernetesMockServer server;
  private NamespacedKubernetesClient client;
  private FakeArgoController controller;

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            kubelet.dispatcher(new KubernetesMixedDispatcher(responses)),
            false);
    server.init();
    client = server.createClient();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (controller != null) {
      controller.close();
    }
    client.close();
    server.destroy();
  }

  int port() {
    return server.getPort();
  }

  FakeKubelet kubelet() {
    return kubelet;
  }

  /** Starts Argo's part: workflows of the test templates run, print and end on their own. */
  FakeArgoController startController() {
    controller = new FakeArgoController(this);
    return controller;
  }

  /** A kubeconfig for the mock server at {@code port} (the server's own, or a proxy's). */
  Path writeKubeconfig(Path dir, int port) {
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: mock\n"
            + "  cluster:\n"
            + "    server: http://localhost:" + port + "\n"
            + "contexts:\n"
            + "- name: mock\n"
            + "  context:\n"
            + "    cluster: mock\n"
            + "    user: tester\n"
            + "    namespace: " + NAMESPACE + "\n"
            + "current-context: mock\n"
            + "users:\n"
            + "- name: tester\n"
            + "  user:\n"
            + "    token: secret\n";
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("kubeconfig-" + port), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The {@code executor.argo} section for an executor talking to this cluster through a
   * kubeconfig, with a short resync so tests see re-deliveries quickly.
   */
  Map<String, Object> executorConfig(Path dir, Map<String, Object> templates) {
    return executorConfig(dir, templates, port());
  }

  Map<String, Object> executorConfig(Path dir, Map<String, Object> templates, int port) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("kubeconfig", writeKubeconfig(dir, port).toString());
    config.put("resyncSeconds", 5);
    config.put("requestTimeoutMillis", 5000);
    if (templates != null) {
      config.put("templates", templates);
    }
    return config;
  }

  NamespacedKubernetesClient client() {
    return client;
  }

  NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      workflows() {
    return client.genericKubernetesResources(Workflows.CONTEXT).inNamespace(NAMESPACE);
  }

  /** The workflow named {@code name}, or null. */
  GenericKubernetesResource workflow(String name) {
    return workflows().withName(name).get();
  }

  /** Changes a workflow as Argo's controller does, through the main resource. */
  void edit(String name, Consumer<GenericKubernetesResource> change) {
    workflows()
        .withName(name)
        .edit(
            wf -> {
              change.accept(wf);
              return wf;
            });
  }

  /** Sets {@code status.phase} (and the times Argo records with it). */
  void setPhase(String name, String phase) {
    edit(name, wf -> status(wf, phase, null));
  }

  /** Ends a workflow as failed, recording {@code exitCode} on its pod node. */
  void fail(String name, String phase, String message, Integer exitCode) {
    edit(
        name,
        wf -> {
          Map<String, Object> status = status(wf, phase, message);
          Map<String, Object> node = new LinkedHashMap<>();
          node.put("id", name);
          node.put("name", name);
          node.put("type", "Pod");
          node.put("phase", phase);
          node.put("message", message);
          if (exitCode != null) {
            node.put("outputs", Map.of("exitCode", exitCode.toString()));
          }
          status.put("nodes", Map.of(name, node));
        });
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> status(GenericKubernetesResource wf, String phase, String message) {
    Map<String, Object> status =
        wf.getAdditionalProperties().get("status") instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    String now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    status.put("phase", phase);
    if (!"Pending".equals(phase)) {
      status.putIfAbsent("startedAt", now);
    }
    if (Workflows.isFinishedPhase(phase)) {
      status.put("finishedAt", now);
    }
    if (message != null) {
      status.put("message", message);
    }
    wf.setAdditionalProperty("status", status);
    return status;
  }

  /** Creates a pod of {@code workflow} in {@code phase}, as Argo's controller does. */
  void createPod(String workflow, String pod, String phase) {
    Pod created =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod)
            .withNamespace(NAMESPACE)
            .addToLabels(Workflows.POD_WORKFLOW_LABEL, workflow)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(FakeKubelet.CONTAINER)
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build();
    client.pods().inNamespace(NAMESPACE).resource(created).create();
  }

  /** Sets the phase of a pod. */
  void setPodPhase(String pod, String phase) {
    client.pods().inNamespace(NAMESPACE).withName(pod).edit(p -> {
      p.getStatus().setPhase(phase);
      return p;
    });
  }

  /** Whether any pod of {@code workflow} is still pending or running. */
  boolean hasLivePod(String workflow) {
    return client.pods().inNamespace(NAMESPACE).withLabel(Workflows.POD_WORKFLOW_LABEL, workflow).list()
        .getItems().stream()
        .anyMatch(p -> p.getStatus() != null
            && ("Running".equals(p.getStatus().getPhase()) || "Pending".equals(p.getStatus().getPhase())));
  }
}
