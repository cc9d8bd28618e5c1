package dev.berth.helm;

import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Kubernetes API that Helm talks to while rendering: helm-java renders with Helm's install
 * action in dry-run mode, whose {@code lookup} queries the cluster (the helm CLI's {@code template}
 * would not). This extension starts fabric8's mock server in CRUD mode once per test run, serves
 * the discovery documents Helm asks for first, and writes the kubeconfig that {@code KUBECONFIG}
 * (set by surefire) points at. A test method may take a {@link NamespacedKubernetesClient}
 * parameter to put objects there first, such as the Secret of an earlier install.
 */
final class KubeApi implements BeforeAllCallback, ParameterResolver {

  /** Started once, closed by JUnit at the end of the run. */
  private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(KubeApi.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(STORE).getOrComputeIfAbsent(Server.class, k -> new Server(), Server.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == NamespacedKubernetesClient.class;
  }

  /** A client of the running mock API, in the chart's namespace. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(STORE).get(Server.class, Server.class).client;
  }

  /** The running server and its client; closed by JUnit when the root context closes. */
  static final class Server implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final KubernetesMockServer server;
    final NamespacedKubernetesClient client;

    Server() {
      Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
      server = new KubernetesMockServer(
          new Context(), new MockWebServer(), responses,
          new DiscoveryDispatcher(new KubernetesMixedDispatcher(responses)), false);
      server.init();
      client = server.createClient().inNamespace(Chart.NAMESPACE);
      writeKubeconfig(kubeconfigPath(), server.url("/").replaceAll("/$", ""));
    }

    private static Path kubeconfigPath() {
      String path = System.getenv("KUBECONFIG");
      if (path == null || path.isBlank()) {
        throw new IllegalStateException("KUBECONFIG must name a file for the tests (surefire sets it)");
      }
      return Path.of(path);
    }

    private static void writeKubeconfig(Path file, String url) {
      String yaml = String.join("\n",
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          "  - name: mock",
          "    cluster:",
          "      server: " + url,
          "users:",
          "  - name: test",
          "    user:",
          "      token: test",
          "contexts:",
          "  - name: mock",
          "    context:",
          "      cluster: mock",
          "      user: test",
          "      namespace: " + Chart.NAMESPACE,
          "current-context: mock",
          "");
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      client.close();
      server.destroy();
    }
  }
}
