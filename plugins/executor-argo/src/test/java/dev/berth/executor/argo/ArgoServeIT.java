package dev.berth.executor.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testkit.Await;
import dev.berth.testkit.FakeNvidiaSmi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Berth itself ({@code berth serve} in its own JVM, the plugin jars loaded by pf4j) with {@code
 * extensions.executor: argo} and a kubeconfig for the mock cluster: jobs submitted over HTTP become
 * workflows, follow them to their end, show their pods' logs, and stop when cancelled.
 */
class ArgoServeIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final FakeArgoCluster cluster = new FakeArgoCluster();
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process berth;
  private int port;

  private static final String ADMIN_PASSWORD = "argo-it-" + Long.toHexString(new java.security.SecureRandom().nextLong());

  @BeforeEach
  void serve() throws Exception {
    cluster.startController();
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path argo = Path.of(System.getProperty("argo.plugin.jar"));
    Files.copy(argo, plugins.resolve(argo.getFileName()));
    for (String module : List.of("store-sqlite", "probe-nvidia", "policy-thresholds", "order-fifo")) {
      Path jar = BerthCli.pluginJar(module);
      Files.copy(jar, plugins.resolve(module + ".jar"));
    }
    FakeNvidiaSmi gpu = FakeNvidiaSmi.install(dir.resolve("gpu"));
    Path kubeconfig = cluster.writeKubeconfig(dir, cluster.port());
    Files.writeString(dir.resolve("berth.yaml"), String.join("\n",
        "dataDir: " + dir.resolve("data"),
        "pluginsDir: " + plugins,
        "extensions:",
        "  executor: argo",
        "probe:",
        "  nvidia-smi:",
        "    command: " + gpu.command(),
        "    node: gpu-node-1",
        "executor:",
        "  argo:",
        "    kubeconfig: " + kubeconfig,
        "    templates:",
        "      greet:",
        "        parameters: {text: {required: true}}",
        "      forever:",
        "        parameters: {text: {required: true}}",
        ""));
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // Berth signs requests in: the test acts as the initial admin, whose password it chooses.
    berth = BerthCli.start(dir, dir.resolve("berth.out"), dir.resolve("berth.err"),
        java.util.Map.of("BERTH_ADMIN_PASSWORD", ADMIN_PASSWORD),
        "serve", "--config", "berth.yaml", "--host", "127.0.0.1", "--port", Integer.toString(port));
    Await.until("Berth to be ready", () -> {
      if (!berth.isAlive()) {
        throw new AssertionError("berth serve ended with " + berth.exitValue() + ": " + log("berth.err"));
      }
      return status("GET", "/readyz", null) == 200;
    });
    // The machine running the tests is busy: judge the stand-in GPU only.
    assertThat(status("PUT", "/api/v1/settings/thresholds",
        "{\"cpuUsageMaxPercent\": 100, \"memoryUsageMaxPercent\": 100}")).isEqualTo(200);
  }

  @AfterEach
  void stop() throws Exception {
    if (berth != null) {
      berth.destroy();
      if (!berth.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        berth.destroyForcibly();
      }
    }
  }

  @Test
  void aJobRunsAsAWorkflowToItsEndAndShowsItsLog() throws Exception {
    JsonNode job = post("/api/v1/jobs",
        "{\"user\":\"alice\",\"template\":\"greet\",\"gpus\":1,\"parameters\":{\"text\":\"hello from argo\"}}");
    String id = job.get("id").asText();

    JsonNode done = Await.until("job " + id + " to complete", () -> get("/api/v1/jobs/" + id),
        j -> j != null && "COMPLETED".equals(j.path("state").asText()));

    assertThat(done.get("executorRef").asText()).isEqualTo("berth-" + id);
    GenericKubernetesResource wf = cluster.workflow("berth-" + id);
    assertThat(Workflows.text(wf, "spec", "workflowTemplateRef", "name")).isEqualTo("greet");
    assertThat(NodePins.of(wf)).containsEntry("kubernetes.io/hostname", "gpu-node-1");
    assertThat(text("/api/v1/jobs/" + id + "/logs?tail=5")).isEqualTo("hello from argo\n");
  }

  @Test
  void cancellingARunningJobStopsItsWorkflow() throws Exception {
    String id = post("/api/v1/jobs",
        "{\"user\":\"bob\",\"template\":\"forever\",\"gpus\":1,\"parameters\":{\"text\":\"training\"}}")
        .get("id").asText();
    Await.until("job " + id + " to run", () -> get("/api/v1/jobs/" + id),
        j -> j != null && "RUNNING".equals(j.path("state").asText()));

    assertThat(status("POST", "/api/v1/jobs/" + id + "/cancel", null)).isEqualTo(202);

    JsonNode end = Await.until("job " + id + " to be cancelled", () -> get("/api/v1/jobs/" + id),
        j -> j != null && "CANCELLED".equals(j.path("state").asText()));
    assertThat(Workflows.shutdown(cluster.workflow("berth-" + id))).isEqualTo("Terminate");
    assertThat(end.get("message").asText()).contains("Stopped with strategy 'Terminate'");
  }

  private String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void thePendingTimeoutIsAnAdminSettingOfSectionArgo() {
    assertThat(text200("/api/v1/settings")).contains("pendingTimeoutMinutes");
    assertThat(status("PUT", "/api/v1/settings/argo", "{\"pendingTimeoutMinutes\": 90}")).isEqualTo(200);
    assertThat(status("PUT", "/api/v1/settings/argo", "{\"pendingTimeoutMinutes\": 0}")).isEqualTo(400);
  }

  private String text200(String path) {
    try {
      HttpResponse<String> r = send("GET", path, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return r.body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = send("POST", path, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body());
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r = send("GET", path, null);
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (Exception e) {
      return null;
    }
  }

  private String text(String path) throws Exception {
    return send("GET", path, null).body();
  }

  private int status(String method, String path, String body) {
    try {
      return send(method, path, body).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

}
