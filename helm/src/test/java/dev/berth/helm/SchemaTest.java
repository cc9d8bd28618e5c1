package dev.berth.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that cannot work are refused before anything reaches the cluster, with a message that
 * names the field: by values.schema.json (types, ranges, names), or by the chart itself where a
 * rule spans several values.
 */
@ExtendWith(KubeApi.class)
class SchemaTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad("queueManager.replicas", "two", "queueManager.replicas"),
        bad("queueManager.replicas", "0", "queueManager.replicas"),
        bad("queueManager.port", "70000", "queueManager.port"),
        bad("queueManager.service.type", "Public", "queueManager.service.type"),
        bad("queueManager.service.nodePort", "80", "queueManager.service.nodePort"),
        bad("queueManager.resources.limits.memory", "1 GB", "memory"),
        bad("image.pullPolicy", "Sometimes", "image.pullPolicy"),
        bad("image.repository", "", "image.repository"),
        bad("replica", "2", "replica"),
        bad("redis.appendfsync", "sometimes", "redis.appendfsync"),
        bad("redis.persistence.size", "lots", "redis.persistence.size"),
        bad("redis.persistence.accessModes[0]", "ReadWriteSometimes", "accessModes"),
        bad("redis.maxmemory", "2 gigabytes", "redis.maxmemory"),
        bad("redis.enabled", "false", "externalRedis"),
        bad("externalRedis.url", "http://redis:6379", "externalRedis.url"),
        bad("store.prefix", "my prefix", "store.prefix"),
        bad("monitor.intervalSeconds", "0", "monitor.intervalSeconds"),
        bad("monitor.port", "-1", "monitor.port"),
        bad("monitor.nodes[0]", "GPU Node 1", "monitor.nodes"),
        bad("monitor.staticUrls[0]", "ftp://gpu-node-1", "monitor.staticUrls"),
        bad("monitor.hostProcPath", "proc", "monitor.hostProcPath"),
        bad("monitor.nvidiaSmi.timeoutMillis", "10", "monitor.nvidiaSmi.timeoutMillis"),
        bad("clusterProbe.retries", "11", "clusterProbe.retries"),
        bad("clusterProbe.timeoutMillis", "5", "clusterProbe.timeoutMillis"),
        bad("argo.shutdown", "Kill", "argo.shutdown"),
        bad("argo.protoGcn.name", "Proto_GCN", "argo.protoGcn.name"),
        bad("argo.protoGcn.gpus", "9", "argo.protoGcn.gpus"),
        bad("argo.protoGcn.resources.limits.memory", "16 gigs", "memory"),
        bad("argo.protoGcn.dataset.mountPath", "data", "mountPath"),
        bad("argo.extraTemplates.st-gcn.description", "no workflowTemplate", "workflowTemplate"),
        bad("config.lease.ttlSeconds", "1", "ttlSeconds"),
        bad("config.extensions.store", "", "store"),
        bad("ingress.hosts[0].paths[0].pathType", "Glob", "pathType"),
        bad("nameOverride", "Berth!", "nameOverride"));
  }

  private static Arguments bad(String key, String value, String named) {
    return Arguments.of(key, value, named);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void isRejectedNamingTheField(String key, String value, String named) {
    assertThatThrownBy(() -> Chart.template(null, Map.of(key, value)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(named);
  }

  static Stream<Arguments> rulesAcrossValues() {
    return Stream.of(
        Arguments.of(Map.of("monitor.enabled", "false"), "monitor.staticUrls"),
        Arguments.of(Map.of("config.dataDir", "/srv/berth"), "config.dataDir is set by the chart"),
        Arguments.of(Map.of("config.server.port", "9090"), "config.server is set by the chart"),
        Arguments.of(Map.of("argo.protoGcn.dataset.hostPath", ""), "argo.protoGcn.dataset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rulesAcrossValues")
  void isRejectedByTheChart(Map<String, String> sets, String message) {
    assertThatThrownBy(() -> Chart.template(null, sets)).hasMessageContaining(message);
  }
}
