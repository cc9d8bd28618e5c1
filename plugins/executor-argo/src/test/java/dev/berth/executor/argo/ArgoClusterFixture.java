package dev.berth.executor.argo;

import dev.berth.api.Job;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts executors against a {@link FakeArgoCluster} whose controller runs: the test templates,
 * plus {@code train}, which refers to the WorkflowTemplate {@code proto-gcn} a test adds with its
 * own nodeSelector, podGC or TTL. Executors share the cluster's clock.
 */
final class ArgoClusterFixture {
  private final FakeArgoCluster cluster;
  private final Path dir;

  ArgoClusterFixture(FakeArgoCluster cluster, Path dir) {
    this.cluster = cluster;
    this.dir = dir;
  }

  /** An executor with the test templates and {@code extra} config, after the controller started. */
  ArgoHarness start(Map<String, Object> extra) {
    if (cluster.controller() == null) {
      cluster.startController();
    }
    Map<String, Object> templates = new LinkedHashMap<>(TestTemplates.all());
    templates.put("train", TestTemplates.ref("proto-gcn", Map.of()));
    Map<String, Object> config = cluster.executorConfig(dir.resolve("conf"), templates);
    config.put("logPollSeconds", 1);
    config.putAll(extra);
    return new ArgoHarness(dir.resolve("data"), config, cluster.clock());
  }

  /** A job of {@code template} on {@code node} asking for {@code gpus}. */
  static Job job(String id, String template, Map<String, String> parameters, int gpus, String node) {
    Job j = ArgoHarness.job(id, template, parameters, gpus);
    return new Job(j.id(), j.name(), j.user(), j.template(), j.parameters(), j.gpus(), j.priority(), j.state(),
        j.submittedAt(), j.scheduledAt(), null, null,
        new dev.berth.api.Placement(node, gpus == 0 ? java.util.List.of() : java.util.List.of(0)), null, null, null);
  }
}
