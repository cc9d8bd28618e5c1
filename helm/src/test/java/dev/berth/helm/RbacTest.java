package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly the verbs the queue manager and the workflow pods use; cluster-wide, by default, only
 * getting nodes (for their hostname label).
 */
@ExtendWith(KubeApi.class)
class RbacTest {
  private static final PolicyRule WORKFLOWS =
      rule("argoproj.io", List.of("workflows"), "create", "get", "list", "watch", "patch", "delete");
  private static final PolicyRule WORKFLOW_TEMPLATES = rule("argoproj.io", List.of("workflowtemplates"), "get", "list");
  private static final PolicyRule POD_LOGS = rule("", List.of("pods", "pods/log"), "get", "list", "watch");
  private static final PolicyRule MONITOR_ENDPOINTS = rule("discovery.k8s.io", List.of("endpointslices"), "list");

  @Test
  void queueManagerRoleHasExactlyTheRulesItUses() {
    Role role = Chart.render().get(Role.class, "berth");

    assertThat(role.getMetadata().getNamespace()).isEqualTo("argo");
    assertThat(role.getRules()).containsExactly(WORKFLOWS, WORKFLOW_TEMPLATES, POD_LOGS, MONITOR_ENDPOINTS);
  }

  @Test
  void roleIsBoundToTheQueueManagersAccount() {
    Manifests manifests = Chart.render();
    RoleBinding binding = manifests.get(RoleBinding.class, "berth");

    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("berth");
    assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
      assertThat(s.getKind()).isEqualTo("ServiceAccount");
      assertThat(s.getName()).isEqualTo("berth");
      assertThat(s.getNamespace()).isEqualTo("argo");
    });
    assertThat(manifests.find(ServiceAccount.class, "berth")).isPresent();
  }

  @Test
  void workflowPodsMayOnlyReportTaskResults() {
    Manifests manifests = Chart.render();

    assertThat(manifests.get(Role.class, "berth-workflow").getRules())
        .containsExactly(rule("argoproj.io", List.of("workflowtaskresults"), "create", "patch"));
    assertThat(manifests.get(RoleBinding.class, "berth-workflow").getSubjects())
        .singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("berth-workflow"));
    assertThat(manifests.find(ServiceAccount.class, "berth-workflow")).isPresent();
  }

  @Test
  void clusterWideByDefaultOnlyGettingNodesForTheirHostnameLabel() {
    Manifests manifests = Chart.render();

    assertThat(manifests.all(ClusterRole.class)).singleElement().satisfies(role ->
        assertThat(role.getRules()).containsExactly(rule("", List.of("nodes"), "get")));
    assertThat(manifests.all(ClusterRoleBinding.class)).singleElement().satisfies(binding ->
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("berth")));
  }

  @Test
  void nothingClusterWideWhenNodesMayNotBeRead() {
    Manifests manifests = Chart.render(Map.of("rbac.readNodes", "false"));

    assertThat(manifests.all(ClusterRole.class)).isEmpty();
    assertThat(manifests.all(ClusterRoleBinding.class)).isEmpty();
  }

  @Test
  void clusterWorkflowTemplatesOnlyWhenAsked() {
    Manifests manifests = Chart.render(Map.of("rbac.clusterWorkflowTemplates", "true", "rbac.readNodes", "false"));

    assertThat(manifests.all(ClusterRole.class)).singleElement().satisfies(role ->
        assertThat(role.getRules()).containsExactly(
            rule("argoproj.io", List.of("clusterworkflowtemplates"), "get", "list")));
    assertThat(manifests.all(ClusterRoleBinding.class)).singleElement().satisfies(binding ->
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
          assertThat(s.getName()).isEqualTo("berth");
          assertThat(s.getNamespace()).isEqualTo("argo");
        }));
  }

  @Test
  void withoutMonitorsThereIsNoEndpointsRule() {
    Role role = Chart.renderWith("monitor-disabled.yaml").get(Role.class, "berth");

    assertThat(role.getRules()).containsExactly(WORKFLOWS, WORKFLOW_TEMPLATES, POD_LOGS);
  }

  @Test
  void rbacCanBeLeftToTheAdmin() {
    Manifests manifests = Chart.render(Map.of(
        "rbac.create", "false", "serviceAccount.create", "false", "serviceAccount.name", "berth-by-admin",
        "argo.workflowServiceAccount.create", "false"));

    assertThat(manifests.all(Role.class)).isEmpty();
    assertThat(manifests.all(RoleBinding.class)).isEmpty();
    assertThat(manifests.all(ServiceAccount.class)).isEmpty();
    assertThat(manifests.get(io.fabric8.kubernetes.api.model.apps.Deployment.class, "berth")
        .getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("berth-by-admin");
  }

  private static PolicyRule rule(String group, List<String> resources, String... verbs) {
    return new PolicyRuleBuilder().withApiGroups(group).withResources(resources).withVerbs(verbs).build();
  }
}
