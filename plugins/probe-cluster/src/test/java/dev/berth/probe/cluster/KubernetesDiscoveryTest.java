package dev.berth.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.NodeResources;
import dev.berth.api.ResourceSnapshot;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery of the monitors through their Service's EndpointSlices, against fabric8's mock API
 * server in CRUD mode, with real monitors behind the endpoints.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesDiscoveryTest {
  static KubernetesMockServer server;
  static KubernetesClient client;

  @TempDir Path dir;
  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    client.discovery().v1().endpointSlices().inNamespace("gpu").delete();
  }

  private InProcessMonitor monitor(String node) {
    InProcessMonitor m = InProcessMonitor.start(dir.resolve(node), "hostname-of-" + node, clock, FakeNvidiaSmi.idleGpu(0));
    toClose.add(m);
    return m;
  }

  /** What the endpoints controller writes for one ready monitor pod of the DaemonSet. */
  private static EndpointSlice slice(String name, String service, String node, int port, Boolean ready) {
    return new EndpointSliceBuilder()
        .withNewMetadata().withName(name).withNamespace("gpu")
            .addToLabels(KubernetesDiscovery.SERVICE_LABEL, service).endMetadata()
        .withAddressType("IPv4")
        .addNewPort().withName("http").withPort(port).withProtocol("TCP").endPort()
        .addToEndpoints(new EndpointBuilder().withAddresses("127.0.0.1").withNodeName(node)
            .withNewConditions().withReady(ready).endConditions()
            .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withName("berth-monitor-" + node).build())
            .build())
        .build();
  }

  private ClusterProbe probe(Map<String, Object> kubernetes) {
    Map<String, Object> k = new java.util.LinkedHashMap<>(Map.of("service", "berth-monitor", "namespace", "gpu",
        "masterUrl", server.url("/"), "refreshSeconds", 30));
    k.putAll(kubernetes);
    ClusterProbe p = new ClusterProbe(new TestPluginContext("cluster",
        Map.of("kubernetes", k, "timeoutMillis", 2000, "retries", 1, "retryBackoffMillis", 10), clock, dir.resolve("server")));
    toClose.add(p);
    return p;
  }

  private static void create(EndpointSlice slice) {
    client.discovery().v1().endpointSlices().inNamespace("gpu").resource(slice).create();
  }

  @Test
  void eachEndpointIsAMonitorNamedAfterItsNode() {
    InProcessMonitor a = monitor("gpu-node-1");
    InProcessMonitor b = monitor("gpu-node-2");
    create(slice("berth-monitor-abc", "berth-monitor", "gpu-node-2", b.url().getPort(), true));
    create(slice("berth-monitor-def", "berth-monitor", "gpu-node-1", a.url().getPort(), true));
    create(slice("other-xyz", "something-else", "gpu-node-9", 1, true));

    ResourceSnapshot s = probe(Map.of()).sample();

    assertThat(s.errors()).isEmpty();
    assertThat(s.nodes()).extracting(NodeResources::name)
        .as("the endpoint's node name, not the pod's host name").containsExactly("gpu-node-1", "gpu-node-2");
    assertThat(s.nodes()).allSatisfy(n -> {
      assertThat(n.errors()).isEmpty();
      assertThat(n.gpus()).hasSize(1);
    });
  }

  @Test
  void theListIsRefreshedPeriodicallyAndANotReadyMonitorStillShows() {
    InProcessMonitor a = monitor("gpu-node-1");
    create(slice("berth-monitor-a", "berth-monitor", "gpu-node-1", a.url().getPort(), true));
    ClusterProbe probe = probe(Map.of("refreshSeconds", 10));
    assertThat(probe.sample().nodes()).extracting(NodeResources::name).containsExactly("gpu-node-1");

    InProcessMonitor b = monitor("gpu-node-2");
    b.stop();
    create(slice("berth-monitor-b", "berth-monitor", "gpu-node-2", b.url().getPort(), false));
    clock.advance(Duration.ofSeconds(5));
    assertThat(probe.sample().nodes()).as("not refreshed yet").hasSize(1);

    clock.advance(Duration.ofSeconds(5));
    ResourceSnapshot s = probe.sample();

    assertThat(s.nodes()).extracting(NodeResources::name).containsExactly("gpu-node-1", "gpu-node-2");
    assertThat(s.nodes().get(1).errors()).singleElement().asString()
        .startsWith("monitor on gpu-node-2 refused the connection");
  }

  @Test
  void aServiceWithoutEndpointsSaysSo() {
    ResourceSnapshot s = probe(Map.of()).sample();

    assertThat(s.nodes()).isEmpty();
    assertThat(s.errors()).containsExactly("no monitors found: service berth-monitor in namespace gpu has no endpoints");
  }

  @Test
  void aPortIsChosenByNameOrNumber() {
    InProcessMonitor a = monitor("gpu-node-1");
    EndpointSlice twoPorts = new EndpointSliceBuilder(slice("berth-monitor-a", "berth-monitor", "gpu-node-1", 1, true))
        .withPorts()
        .addNewPort().withName("metrics").withPort(1).endPort()
        .addNewPort().withName("status").withPort(a.url().getPort()).endPort()
        .build();
    create(twoPorts);

    ResourceSnapshot byName = probe(Map.of("port", "status")).sample();
    ResourceSnapshot byNumber = probe(Map.of("port", a.url().getPort())).sample();

    assertThat(byName.nodes()).singleElement().satisfies(n -> assertThat(n.errors()).isEmpty());
    assertThat(byNumber.nodes()).singleElement().satisfies(n -> assertThat(n.errors()).isEmpty());
  }

  @Test
  void anApiServerThatGoesAwayKeepsTheLastListAndSaysSo() {
    InProcessMonitor a = monitor("gpu-node-1");
    KubernetesMockServer own = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
        new io.fabric8.mockwebserver.MockWebServer(), new java.util.HashMap<>(),
        new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(), false);
    own.init();
    try (KubernetesClient ownClient = own.createClient()) {
      ownClient.discovery().v1().endpointSlices().inNamespace("gpu")
          .resource(slice("berth-monitor-a", "berth-monitor", "gpu-node-1", a.url().getPort(), true)).create();
      ClusterProbe probe = probe(Map.of("masterUrl", own.url("/"), "refreshSeconds", 1));
      assertThat(probe.sample().nodes()).extracting(NodeResources::name).containsExactly("gpu-node-1");

      own.destroy();
      clock.advance(Duration.ofSeconds(1));
      ResourceSnapshot s = probe.sample();

      assertThat(s.nodes()).extracting(NodeResources::name).containsExactly("gpu-node-1");
      assertThat(s.nodes().get(0).errors()).isEmpty();
      assertThat(s.errors()).singleElement().asString().startsWith("monitor discovery failed: ")
          .endsWith("; using the 1 found at 2026-03-01T08:00:00Z");
    } finally {
      own.destroy();
    }
  }

  @Test
  void anApiServerNeverReachedMeansNoMonitorsYet() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    ResourceSnapshot s = probe(Map.of("masterUrl", "http://127.0.0.1:" + closed)).sample();

    assertThat(s.nodes()).isEmpty();
    assertThat(s.errors()).singleElement().asString().startsWith("monitor discovery failed: ")
        .endsWith("; no monitors known yet");
  }
}
