package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The resource monitor: `berth monitor` in a DaemonSet on the GPU nodes, found through a headless Service. */
@ExtendWith(KubeApi.class)
class MonitorTest {

  @Test
  void runsBerthMonitorOn8080WithTheSameConfig() {
    Container monitor = container(Chart.render());

    assertThat(monitor.getImage()).isEqualTo("berth:" + System.getProperty("berth.version"));
    assertThat(monitor.getArgs()).containsExactly("monitor", "--config", "/etc/berth/berth.yaml", "--port", "8080");
    assertThat(monitor.getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getContainerPort()).isEqualTo(8080);
      assertThat(p.getName()).isEqualTo("http");
    });
    assertThat(monitor.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
  }

  @Test
  void reachesNvidiaSmiWithoutClaimingAGpu() {
    Manifests manifests = Chart.render();
    Container monitor = container(manifests);

    assertThat(env(monitor)).containsEntry("NVIDIA_VISIBLE_DEVICES", "all")
        .containsEntry("NVIDIA_DRIVER_CAPABILITIES", "utility");
    assertThat(monitor.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(monitor.getResources().getRequests()).doesNotContainKey("nvidia.com/gpu");
    assertThat(pod(manifests).getRuntimeClassName()).as("containerd's default runtime").isNull();
    assertThat(pod(Chart.render(Map.of("monitor.runtimeClassName", "nvidia"))).getRuntimeClassName())
        .isEqualTo("nvidia");
  }

  @Test
  void readsTheHostsProcReadOnly() {
    Manifests manifests = Chart.render();
    Map<String, VolumeMount> mounts = container(manifests).getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getName, Function.identity()));
    Map<String, Volume> volumes = pod(manifests).getVolumes().stream()
        .collect(Collectors.toMap(Volume::getName, Function.identity()));

    assertThat(volumes.get("host-proc").getHostPath().getPath()).isEqualTo("/proc");
    assertThat(mounts.get("host-proc").getMountPath()).isEqualTo("/host/proc");
    assertThat(mounts.get("host-proc").getReadOnly()).isTrue();
    assertThat(mounts.get("data").getMountPath()).as("plugins are copied there").isEqualTo("/var/lib/berth");
    assertThat(mounts.get("tmp").getMountPath()).isEqualTo("/tmp");
  }

  @Test
  void reportsTheKubernetesNodeName() {
    EnvVar node = container(Chart.render()).getEnv().stream()
        .filter(e -> e.getName().equals("BERTH_PROBE_NVIDIA_SMI_NODE")).findFirst().orElseThrow();

    assertThat(node.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
  }

  @Test
  void runsOnGpuNodesByTheFeatureDiscoveryLabelAndToleratesTheirTaint() {
    PodSpec pod = pod(Chart.render());

    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.present", "true"));
    assertThat(pod.getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nvidia.com/gpu", "Exists", "NoSchedule"));
    assertThat(pod.getAffinity()).isNull();
  }

  @Test
  void aCustomNodeSelectorAndHostListPlaceIt() {
    PodSpec pod = pod(Chart.renderWith("custom-node-selector.yaml"));

    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("lab.example/gpu", "yes"));
    NodeSelectorRequirement hosts = pod.getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
    assertThat(hosts.getKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(hosts.getOperator()).isEqualTo("In");
    assertThat(hosts.getValues()).containsExactly("gpu-node-1", "gpu-node-2");
    assertThat(pod.getTolerations()).extracting(Toleration::getKey).containsExactly("dedicated");
    assertThat(pod.getRuntimeClassName()).isEqualTo("nvidia");
  }

  @Test
  void allNodesDropsTheGpuLabel() {
    PodSpec pod = pod(Chart.render(Map.of("monitor.allNodes", "true")));

    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getAffinity()).isNull();
  }

  @Test
  void aHostListAloneDropsTheGpuLabel() {
    PodSpec pod = pod(Chart.render(Map.of("monitor.nodes[0]", "gpu-box")));

    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchExpressions().get(0).getValues()).containsExactly("gpu-box");
  }

  @Test
  void isHardenedAndHasNoApiToken() {
    Manifests manifests = Chart.render();
    PodSpec pod = pod(manifests);
    Container monitor = container(manifests);

    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getHostPID()).isNull();
    assertThat(monitor.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(monitor.getSecurityContext().getPrivileged()).isNull();
    assertThat(monitor.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
  }

  @Test
  void aHeadlessServiceListsEveryMonitor() {
    Manifests manifests = Chart.render();
    Service service = manifests.get(Service.class, "berth-monitor");

    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
      assertThat(p.getPort()).isEqualTo(8080);
      assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
    });
    assertThat(service.getSpec().getSelector())
        .isEqualTo(manifests.get(DaemonSet.class, "berth-monitor").getSpec().getSelector().getMatchLabels());
  }

  @Test
  void anotherPortIsUsedEverywhere() {
    Manifests manifests = Chart.render(Map.of("monitor.port", "9100"));

    assertThat(container(manifests).getArgs()).endsWith("--port", "9100");
    assertThat(manifests.get(Service.class, "berth-monitor").getSpec().getPorts().get(0).getPort()).isEqualTo(9100);
    assertThat(RenderedConfig.yaml(manifests)).contains("port: 9100");
  }

  private static PodSpec pod(Manifests manifests) {
    return manifests.get(DaemonSet.class, "berth-monitor").getSpec().getTemplate().getSpec();
  }

  private static Container container(Manifests manifests) {
    return pod(manifests).getContainers().get(0);
  }

  private static Map<String, String> env(Container container) {
    return container.getEnv().stream().filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
