package dev.berth.probe.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.GpuResources;
import dev.berth.api.NodeResources;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class DcgmNodesTest {
  private static final DcgmExporter EXPORTER = new DcgmExporter(URI.create("http://10.0.0.9:9400/metrics"), null);

  private static List<NodeResources> read(String fixture, DcgmExporter exporter) {
    return DcgmNodes.read(PrometheusTextParser.parse(Fixtures.text(fixture)), exporter);
  }

  @Test
  void fourGpusOfAnOlderExporterWithTheCapitalHostnameLabel() {
    List<NodeResources> nodes = read("four-v100-hostname-capital.txt", EXPORTER);

    assertThat(nodes).singleElement().satisfies(node -> {
      assertThat(node.name()).isEqualTo("v100-node-1");
      assertThat(node.errors()).isEmpty();
      assertThat(node.cpuPercent()).as("DCGM measures no host CPU").isNull();
      assertThat(node.memoryPercent()).isNull();
      assertThat(node.gpus()).extracting(GpuResources::index).containsExactly(0, 1, 2, 3);
    });
    GpuResources gpu0 = nodes.get(0).gpus().get(0);
    assertThat(gpu0.uuid()).isEqualTo("GPU-11111111-2222-3333-4444-000000000000");
    assertThat(gpu0.name()).isEqualTo("Tesla V100-SXM2-32GB");
    assertThat(gpu0.utilizationPercent()).isEqualTo(97.0);
    assertThat(gpu0.memoryUsedMiB()).isEqualTo(31477);
    assertThat(gpu0.memoryTotalMiB()).isEqualTo(32510);
    assertThat(gpu0.memoryFreeMiB()).isEqualTo(1033);
    assertThat(gpu0.powerWatts()).isEqualTo(287.416);
    GpuResources gpu2 = nodes.get(0).gpus().get(2);
    assertThat(gpu2.powerWatts()).as("DCGM's blank sentinel is unknown, not 140 TW").isNull();
    assertThat(gpu2.memoryFreeMiB()).isEqualTo(32500);
  }

  @Test
  void migInstancesAddUpIntoTheirGpuAndReservedMemoryCountsAsUsed() {
    List<NodeResources> nodes = read("a30-mig-hostname-lower.txt", EXPORTER);

    assertThat(nodes).singleElement().satisfies(node -> {
      assertThat(node.name()).isEqualTo("a30-node-7");
      assertThat(node.errors()).isEmpty();
    });
    GpuResources whole = nodes.get(0).gpus().get(0);
    assertThat(whole.name()).isEqualTo("NVIDIA A30");
    assertThat(whole.utilizationPercent()).isEqualTo(12.0);
    assertThat(whole.memoryUsedMiB()).as("3568 used + 528 reserved").isEqualTo(4096);
    assertThat(whole.memoryTotalMiB()).as("used + free + reserved").isEqualTo(24576);
    assertThat(whole.memoryFreeMiB()).as("exactly DCGM's free").isEqualTo(20480);
    GpuResources mig = nodes.get(0).gpus().get(1);
    assertThat(mig.index()).isEqualTo(1);
    assertThat(mig.uuid()).isEqualTo("GPU-aaaaaaaa-0000-1111-2222-000000000001");
    assertThat(mig.name()).isEqualTo("NVIDIA A30 (MIG 1g.6gb ×2)");
    assertThat(mig.utilizationPercent()).as("MIG hides utilization, as nvidia-smi does").isNull();
    assertThat(mig.memoryUsedMiB()).isEqualTo(3 + 3596);
    assertThat(mig.memoryTotalMiB()).isEqualTo(5803 + 5803);
    assertThat(mig.powerWatts()).isEqualTo(33.5);
  }

  @Test
  void bothSpellingsOfTheHostLabelMakeTheirOwnNodes() {
    List<NodeResources> nodes = read("two-hosts.txt", EXPORTER);

    assertThat(nodes).extracting(NodeResources::name).containsExactly("h100-a", "l4-b");
    assertThat(nodes.get(0).gpus().get(0).memoryFreeMiB()).isEqualTo(81559);
    assertThat(nodes.get(1).gpus().get(0).utilizationPercent()).isEqualTo(88.0);
    assertThat(nodes.get(1).gpus().get(0).name()).isEqualTo("NVIDIA L4");
  }

  @Test
  void aConfiguredNodeNameWinsOverTheLabels() {
    List<NodeResources> nodes =
        read("a30-mig-hostname-lower.txt", new DcgmExporter(EXPORTER.url(), "k8s-node-3"));

    assertThat(nodes).extracting(NodeResources::name).containsExactly("k8s-node-3");
  }

  @Test
  void seriesWithoutHostOrIndexAndPagesWithoutGpusAreReported() {
    String page = """
        DCGM_FI_DEV_FB_USED{UUID="GPU-1"} 10
        DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-0"} 100
        DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-0"} 900
        DCGM_FI_DEV_FB_FREE{gpu="0",UUID="GPU-9"} 1
        broken{ 1
        """;

    List<NodeResources> nodes = DcgmNodes.read(PrometheusTextParser.parse(page), EXPORTER);
    List<NodeResources> empty = DcgmNodes.read(PrometheusTextParser.parse("up 1\n"), EXPORTER);

    assertThat(nodes).singleElement().satisfies(node -> {
      assertThat(node.name()).as("the URL's host").isEqualTo("10.0.0.9");
      assertThat(node.gpus()).singleElement().satisfies(g -> assertThat(g.memoryFreeMiB()).isEqualTo(900));
      assertThat(node.errors()).hasSize(3);
      assertThat(node.errors().get(0)).contains("line 5 not understood");
      assertThat(node.errors().get(1)).contains("DCGM_FI_DEV_FB_USED series without a gpu index label skipped");
      assertThat(node.errors().get(2)).contains("reported as both GPU-0 and GPU-9");
    });
    assertThat(empty).singleElement().satisfies(node -> {
      assertThat(node.gpus()).isEmpty();
      assertThat(node.errors()).singleElement().asString().contains("served no GPU series");
    });
  }
}
