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
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import dev.berth.testkit.SettableClock;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeKubelet kubelet = new FakeKubelet(clock);
  private final AtomicBoolean watchesGone = new AtomicBoolean();
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
            goneWatches(kubelet.dispatcher(new KubernetesMixedDispatcher(responses))),
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

  /** The cluster's time: what the controller and the kubelet stamp; executors share it in tests. */
  SettableClock clock() {
    return clock;
  }

  /**
   * While on, every new watch of workflows is answered 410 Gone, as an API server does when the
   * resourceVersion a watch resumes from was compacted: the informer must list again, and finds
   * deletions it missed only as {@code finalStateUnknown}.
   */
  void answerWatchesWithGone(boolean on) {
    watchesGone.set(on);
  }

  private Dispatcher goneWatches(Dispatcher next) {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getPath();
        if (watchesGone.get() && path.contains("/workflows") && path.contains("watch=true")) {
          // As the API server does: the watch opens, then its first event is an ERROR 410.
          return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
              socket.send("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                  + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (99)\","
                  + "\"reason\":\"Expired\",\"code\":410}}");
              socket.close(1000, "gone");
            }
          });
        }
        return next.dispatch(request);
      }
    };
  }

  /** A node with {@code gpus} nvidia.com/gpu, whose kubernetes.io/hostname label is {@code hostname}. */
  void addNode(String name, String hostname, int gpus) {
    addNode(name, hostname, gpus, Map.of());
  }

  /** A node as {@link #addNode(String, String, int)}, with more labels. */
  void addNode(String name, String hostname, int gpus, Map<String, String> labels) {
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(name).addToLabels(labels)
        .addToLabels(WorkflowRenderer.HOSTNAME_LABEL, hostname).endMetadata()
        .withNewStatus().addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(gpus))).endStatus()
        .build()).create();
  }

  /**
   * A WorkflowTemplate whose one step template {@code main} has {@code nodeSelector} (none when
   * empty), as the chart's proto-gcn has when {@code argo.protoGcn.nodeSelector} is set.
   */
  void addWorkflowTemplate(String name, Map<String, String> nodeSelector, Map<String, Object> spec) {
    GenericKubernetesResource t = new GenericKubernetesResource();
    t.setApiVersion(Workflows.API_VERSION);
    t.setKind("WorkflowTemplate");
    t.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("name", "main");
    if (!nodeSelector.isEmpty()) {
      step.put("nodeSelector", nodeSelector);
    }
    Map<String, Object> templateSpec = new LinkedHashMap<>(spec);
    templateSpec.put("entrypoint", "main");
    templateSpec.put("templates", List.of(step));
    t.setAdditionalProperty("spec", templateSpec);
    workflowTemplates().resource(t).create();
  }

  NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
      workflowTemplates() {
    return client.genericKubernetesResources(FakeArgoController.TEMPLATES).inNamespace(NAMESPACE);
  }

  /** Lets the workflow {@code name} run as Argo would once its pod started: Running, with a running pod. */
  void run(String name) {
    setPhase(name, "Running");
    String pod = name + "-main";
    if (client.pods().inNamespace(NAMESPACE).withName(pod).get() == null) {
      createPod(name, pod, "Running");
    }
  }

  /** Deletes a pod, and with it the logs the kubelet kept of it. */
  void deletePod(String pod) {
    client.pods().inNamespace(NAMESPACE).withName(pod).delete();
    kubelet.forget(pod);
  }

  FakeKubelet kubelet() {
    return kubelet;
  }

  FakeArgoController controller() {
    return controller;
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
  Map<String, Object> status(GenericKubernetesResource wf, String phase, String message) {
    Map<String, Object> status =
        wf.getAdditionalProperties().get("status") instanceof Map<?, ?> m
            ? new LinkedHashMap<>((Map<String, Object>) m)
            : new LinkedHashMap<>();
    String now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
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

  /**
   * Creates a pod of {@code workflow} in {@code phase}, as Argo's controller does: labelled with
   * the workflow's name and its {@code spec.podMetadata.labels}; a running pod has a started
   * container.
   */
  void createPod(String workflow, String pod, String phase) {
    createPod(workflow, pod, phase, Map.of());
  }

  /** A pod as {@link #createPod(String, String, String)}, with the nodeSelector Argo gave it. */
  void createPod(String workflow, String pod, String phase, Map<String, String> nodeSelector) {
    GenericKubernetesResource wf = workflow(workflow);
    Map<String, String> labels = new LinkedHashMap<>();
    if (wf != null && Workflows.section(wf, "spec", "podMetadata").get("labels") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> labels.put(k.toString(), v.toString()));
    }
    labels.put(Workflows.POD_WORKFLOW_LABEL, workflow);
    String now = clock.instant().toString();
    Pod created =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod)
            .withNamespace(NAMESPACE)
            .withCreationTimestamp(now)
            .addToLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withNodeSelector(nodeSelector)
            .addNewContainer()
            .withName(FakeKubelet.CONTAINER)
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus()
            .build();
    if (!"Pending".equals(phase)) {
      created.getStatus().setStartTime(now);
      created.getStatus().setContainerStatuses(List.of(running(now)));
    }
    client.pods().inNamespace(NAMESPACE).resource(created).create();
  }

  static ContainerStatus running(String since) {
    return new ContainerStatusBuilder()
        .withName(FakeKubelet.CONTAINER)
        .withNewState().withNewRunning().withStartedAt(since).endRunning().endState()
        .build();
  }

  /** Sets the phase of a pod; one that leaves Pending gets a started container. */
  void setPodPhase(String pod, String phase) {
    String now = clock.instant().toString();
    client.pods().inNamespace(NAMESPACE).withName(pod).edit(p -> {
      p.getStatus().setPhase(phase);
      if (!"Pending".equals(phase) && p.getStatus().getStartTime() == null) {
        p.getStatus().setStartTime(now);
        p.getStatus().setContainerStatuses(List.of(running(now)));
      }
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
