package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Proto-GCN WorkflowTemplate. Argo's kinds have no fabric8 model, so the template is read as a
 * generic resource and its pod parts (container, volumes) are converted to the typed core models,
 * which are what Argo hands to Kubernetes.
 */
@ExtendWith(KubeApi.class)
class WorkflowTemplateTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @Test
  void isAnArgoWorkflowTemplateRunAsTheWorkflowAccount() {
    GenericKubernetesResource template = template(Chart.render());

    assertThat(template.getApiVersion()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(template.getMetadata().getNamespace()).isEqualTo("argo");
    assertThat((String) template.get("spec", "entrypoint")).isEqualTo("train");
    assertThat((String) template.get("spec", "serviceAccountName")).isEqualTo("berth-workflow");
    List<Map<String, Object>> templates = template.get("spec", "templates");
    assertThat(templates).extracting(t -> t.get("name")).containsExactly("train");
  }

  @Test
  void declaresTheParametersBerthPasses() {
    List<Map<String, Object>> parameters = template(Chart.render()).get("spec", "arguments", "parameters");

    assertThat(parameters).extracting(p -> p.get("name"))
        .containsExactly("user", "gpus", "config-file", "work-dir", "time-limit-seconds");
    assertThat(parameters.get(1)).containsEntry("value", "1");
  }

  /**
   * Finding 8 of issue 20: a Workflow-level activeDeadlineSeconds counts from the Workflow's
   * startedAt, which Argo sets before the pod is scheduled, so the wait for a GPU would count. On
   * the step template it bounds the pod from its start, through a parameter Berth's time limits
   * can fill.
   */
  @Test
  void theTimeLimitBoundsThePodNotTheWaitForAGpu() {
    GenericKubernetesResource unlimited = template(Chart.render());
    GenericKubernetesResource limited = template(Chart.render(Map.of("argo.protoGcn.activeDeadlineSeconds", "7200")));

    for (GenericKubernetesResource t : List.of(unlimited, limited)) {
      Map<String, Object> spec = t.get("spec");
      assertThat(spec).doesNotContainKey("activeDeadlineSeconds");
      assertThat((String) t.get("spec", "templates", 0, "activeDeadlineSeconds"))
          .isEqualTo("{{workflow.parameters.time-limit-seconds}}");
    }
    List<Map<String, Object>> parameters = limited.get("spec", "arguments", "parameters");
    assertThat(parameters.get(4)).containsEntry("value", "7200");
    List<Map<String, Object>> defaults = unlimited.get("spec", "arguments", "parameters");
    assertThat(defaults.get(4)).containsEntry("value", "31536000");
  }

  @Test
  void keepsEndedPodsLongEnoughForBerthsLogAndDeletesFinishedWorkflowsAfterADay() {
    GenericKubernetesResource t = template(Chart.render());

    assertThat((Map<String, Object>) t.get("spec", "podGC"))
        .isEqualTo(Map.of("strategy", "OnPodCompletion", "deleteDelayDuration", "30m"));
    assertThat((Integer) t.get("spec", "ttlStrategy", "secondsAfterCompletion")).isEqualTo(86_400);
  }

  @Test
  void claimsTheJobsGpusThroughAPodPatchAnd16GiOfMemory() throws Exception {
    Manifests manifests = Chart.render();
    Container train = container(manifests);

    // Argo fills the parameter into the patch and applies it to the pod it creates.
    String patch = template(manifests).get("spec", "templates", 0, "podSpecPatch");
    PodSpec patched = SERIALIZATION.convertValue(
        new ObjectMapper(new YAMLFactory()).readValue(patch, Map.class), PodSpec.class);
    assertThat(patched.getContainers()).singleElement().satisfies(main -> {
      assertThat(main.getName()).as("Argo's name for the container").isEqualTo("main");
      assertThat(main.getResources().getLimits()).containsOnlyKeys("nvidia.com/gpu");
      assertThat(main.getResources().getLimits().get("nvidia.com/gpu").toString())
          .isEqualTo("{{workflow.parameters.gpus}}");
    });
    assertThat(train.getResources().getLimits()).containsOnly(Map.entry("memory", new Quantity("16Gi")));
    assertThat(train.getResources().getRequests())
        .containsEntry("memory", new Quantity("8Gi"))
        .containsEntry("cpu", new Quantity("2"));
  }

  @Test
  void trainsWithTheConfigFileIntoTheWorkDir() {
    Container train = container(Chart.render());

    assertThat(train.getImage()).isEqualTo("proto-gcn:latest");
    assertThat(train.getCommand()).containsExactly("berth-train");
    assertThat(train.getArgs()).containsExactly(
        "--config", "{{workflow.parameters.config-file}}",
        "--work-dir", "/workspace/work_dirs/{{workflow.parameters.work-dir}}",
        "--gpus", "{{workflow.parameters.gpus}}");
  }

  @Test
  void mountsTheDatasetReadOnlyWhereTheConfigsLookForIt() {
    Manifests manifests = Chart.render();
    Map<String, VolumeMount> mounts = container(manifests).getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getName, Function.identity()));
    Map<String, Volume> volumes = volumes(manifests);

    assertThat(mounts.get("dataset").getMountPath()).isEqualTo("/data/nturgbd");
    assertThat(mounts.get("dataset").getReadOnly()).isTrue();
    assertThat(volumes.get("dataset").getHostPath().getPath()).isEqualTo("/data/nturgbd");
    assertThat(mounts.get("work-dirs").getMountPath()).isEqualTo("/workspace/work_dirs");
    assertThat(volumes.get("work-dirs").getHostPath().getType()).isEqualTo("DirectoryOrCreate");
    assertThat(mounts.get("shm").getMountPath()).isEqualTo("/dev/shm");
    assertThat(volumes.get("shm").getEmptyDir().getMedium()).isEqualTo("Memory");
  }

  @Test
  void imageMemoryAndVolumesFollowTheValues() {
    Manifests manifests = Chart.render(Map.of(
        "argo.protoGcn.image.repository", "registry.lab:5000/proto-gcn",
        "argo.protoGcn.image.tag", "2025.1",
        "argo.protoGcn.resources.limits.memory", "32Gi",
        "argo.protoGcn.gpus", "2",
        "argo.protoGcn.dataset.existingClaim", "ntu-dataset",
        "argo.protoGcn.workDirs.existingClaim", "work-dirs"));
    Container train = container(manifests);
    Map<String, Volume> volumes = volumes(manifests);

    assertThat(train.getImage()).isEqualTo("registry.lab:5000/proto-gcn:2025.1");
    assertThat(train.getResources().getLimits()).containsEntry("memory", new Quantity("32Gi"));
    assertThat(volumes.get("dataset").getPersistentVolumeClaim().getClaimName()).isEqualTo("ntu-dataset");
    assertThat(volumes.get("dataset").getPersistentVolumeClaim().getReadOnly()).isTrue();
    assertThat(volumes.get("dataset").getHostPath()).isNull();
    assertThat(volumes.get("work-dirs").getPersistentVolumeClaim().getClaimName()).isEqualTo("work-dirs");
    List<Map<String, Object>> parameters = template(manifests).get("spec", "arguments", "parameters");
    assertThat(parameters.get(1)).containsEntry("value", "2");
  }

  @Test
  void podPartsAreValidKubernetesObjects() {
    Manifests manifests = Chart.render();
    List<Map<String, Object>> tolerations = template(manifests).get("spec", "templates", 0, "tolerations");

    assertThat(UnknownFields.in(container(manifests))).isEmpty();
    assertThat(UnknownFields.in(List.copyOf(volumes(manifests).values()))).isEmpty();
    assertThat(UnknownFields.in(tolerations.stream()
        .map(t -> SERIALIZATION.convertValue(t, Toleration.class)).toList())).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"", "everything-on.yaml", "custom-node-selector.yaml"})
  void specIsValidByArgosSchema(String values) {
    Manifests manifests = values.isEmpty() ? Chart.render() : Chart.renderWith(values);

    assertThat(ArgoSchema.workflowSpec().problems(template(manifests).get("spec"))).isEmpty();
  }

  @Test
  void theSchemaCheckCatchesAMistake() {
    Map<String, Object> spec = template(Chart.render()).get("spec");
    Map<String, Object> broken = new java.util.LinkedHashMap<>(spec);
    broken.put("entrypont", "train");
    broken.put("activeDeadlineSeconds", "two days");

    assertThat(ArgoSchema.workflowSpec().problems(broken))
        .contains("spec.entrypont: unknown field", "spec.activeDeadlineSeconds: must be an integer, was two days");
  }

  @Test
  void canBeLeftOut() {
    Manifests manifests = Chart.render(Map.of("argo.protoGcn.enabled", "false"));

    assertThat(manifests.findCustom("WorkflowTemplate", "proto-gcn")).isEmpty();
    assertThat(RenderedConfig.yaml(manifests)).doesNotContain("proto-gcn:");
  }

  private static GenericKubernetesResource template(Manifests manifests) {
    return manifests.getCustom("WorkflowTemplate", "proto-gcn");
  }

  private static Container container(Manifests manifests) {
    Map<String, Object> train = template(manifests).get("spec", "templates", 0, "container");
    return SERIALIZATION.convertValue(train, Container.class);
  }

  private static Map<String, Volume> volumes(Manifests manifests) {
    List<Map<String, Object>> raw = template(manifests).get("spec", "volumes");
    return raw.stream().map(v -> SERIALIZATION.convertValue(v, Volume.class))
        .collect(Collectors.toMap(Volume::getName, Function.identity()));
  }
}
