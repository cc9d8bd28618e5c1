package dev.berth.executor.argo;

import dev.berth.testkit.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.ExecutionPhase;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Findings 2 and 10 of issue 20: the pin must survive a step template's own nodeSelector (the
 * chart sets one from {@code argo.protoGcn.nodeSelector}), and must use the node's {@code
 * kubernetes.io/hostname} label, which differs from its name under {@code --hostname-override}.
 */
class ArgoNodePinTest {
  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private ArgoHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private Pod pod(String name) {
    return cluster.client().pods().inNamespace(FakeArgoCluster.NAMESPACE).withName(name).get();
  }

  @Test
  void theJobRunsOnItsNodeWhenTheWorkflowTemplateHasItsOwnNodeSelector() {
    cluster.addNode("gpu-node-1", "gpu-node-1", 1, Map.of("pool", "a100"));
    cluster.addNode("gpu-node-2", "gpu-node-2", 1, Map.of("pool", "a100"));
    cluster.addWorkflowTemplate("proto-gcn", Map.of("pool", "a100"), Map.of());
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of());

    harness.executor().submit(ArgoClusterFixture.job("1", "train", Map.of(), 1, "gpu-node-2"));

    harness.pushed().awaitPhase("1", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);
    assertThat(pod("berth-1-main").getSpec().getNodeSelector())
        .isEqualTo(Map.of("pool", "a100", "kubernetes.io/hostname", "gpu-node-2"));
    assertThat(pod("berth-1-main").getSpec().getNodeName()).isEqualTo("gpu-node-2");
  }

  @Test
  void thePinIsTheNodesHostnameLabelNotItsName() {
    cluster.addNode("gpu-node-1", "gpu-node-1", 1);
    cluster.addNode("gpu-node-2", "gpu2.lab.example", 1);
    harness = new ArgoClusterFixture(cluster, dir).start(Map.of());

    harness.executor().submit(ArgoClusterFixture.job("2", "forever", Map.of("text", "hi"), 1, "gpu-node-2"));

    harness.pushed().awaitPhase("2", ExecutionPhase.RUNNING, Await.DEFAULT_TIMEOUT);
    assertThat(NodePins.of(cluster.workflow("berth-2"))).isEqualTo(Map.of("kubernetes.io/hostname", "gpu2.lab.example"));
    assertThat(pod("berth-2-main").getSpec().getNodeName()).isEqualTo("gpu-node-2");
  }
}
