package dev.berth.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import dev.berth.api.NotifyPreferences;
import dev.berth.api.UserDirectory;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.TestPluginContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookListenerTest {
  private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
  private static final String SECRET = "s3cret-key";
  private final ObjectMapper json = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void aFailedJobIsPostedAsJsonSignedWithTheEndpointsSecret() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookListener listener = listener(endpoint("lab", receiver.url("/hook"), "json", null));

      listener.onEvent(event(JobState.FAILED), failedJob());

      assertThat(receiver.requests).hasSize(1);
      Receiver.Request request = receiver.requests.get(0);
      assertThat(request.header("X-Berth-Signature")).isEqualTo("sha256=" + hmac(SECRET, request.body()));
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
      JsonNode body = json.readTree(request.body());
      assertThat(body.get("event").asText()).isEqualTo("failed");
      assertThat(body.get("url").asText()).isEqualTo("https://berth.lab/jobs/7");
      assertThat(body.get("job").get("id").asText()).isEqualTo("7");
      assertThat(body.get("job").get("state").asText()).isEqualTo("FAILED");
      assertThat(body.get("job").get("user").asText()).isEqualTo("ann");
      assertThat(body.get("job").get("exitCode").asInt()).isEqualTo(3);
      assertThat(request.text()).doesNotContain(SECRET);
    }
  }

  @Test
  void aSlackEndpointGetsOneLineOfText() throws Exception {
    try (Receiver receiver = new Receiver()) {
      WebhookListener listener = listener(endpoint("chat", receiver.url("/services/T0/B0/x"), "slack", null));

      listener.onEvent(event(JobState.FAILED), failedJob());

      JsonNode body = json.readTree(receiver.requests.get(0).body());
      assertThat(body.fieldNames()).toIterable().containsExactly("text");
      assertThat(body.get("text").asText())
          .isEqualTo("Berth job 7 (train) of ann failed: exit code 3 <https://berth.lab/jobs/7>");
    }
  }

  @Test
  void anEndpointHearsOnlyTheEventsItListsAndFailedAndTimedOutByDefault() throws Exception {
    try (Receiver all = new Receiver(); Receiver defaults = new Receiver()) {
      WebhookListener listener = listener(
          endpoint("all", all.url("/"), "json", List.of("start", "end", "failed", "timed_out", "cancelled")),
          endpoint("defaults", defaults.url("/"), "json", null));

      for (JobState s : List.of(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING, JobState.COMPLETED,
          JobState.FAILED, JobState.TIMED_OUT, JobState.CANCELLED)) {
        listener.onEvent(event(s), JobBuilder.from(failedJob()).state(s).build());
      }

      assertThat(events(all)).containsExactly("start", "end", "failed", "timed_out", "cancelled");
      assertThat(events(defaults)).containsExactly("failed", "timed_out");
    }
  }

  @Test
  void theIdleGuardsWarningGoesOutAsIdleToEndpointsThatListIt() throws Exception {
    try (Receiver idle = new Receiver(); Receiver starts = new Receiver()) {
      WebhookListener listener = listener(endpoint("idle", idle.url("/"), "json", List.of("idle")),
          endpoint("starts", starts.url("/"), "json", List.of("start")));
      Job running = JobBuilder.from(failedJob()).state(JobState.RUNNING).message("idle GPU: …").build();

      listener.onEvent(new JobEvent("7", 0, AT, JobState.RUNNING, JobState.RUNNING, "idle-guard", "idle GPU: …"), running);

      assertThat(events(idle)).containsExactly("idle");
      assertThat(events(starts)).isEmpty();
    }
  }

  @Test
  void aReceiverAnswering500FailsTheDeliverySoTheHostRetriesAndTheRetryGoesOnlyWhereItFailed()
      throws Exception {
    try (Receiver flaky = new Receiver(500); Receiver fine = new Receiver()) {
      WebhookListener listener = listener(endpoint("flaky", flaky.url("/token-in-path"), "json", null),
          endpoint("fine", fine.url("/"), "json", null));

      assertThatThrownBy(() -> listener.onEvent(event(JobState.FAILED), failedJob()))
          .hasMessage("webhook flaky: HTTP 500")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("token-in-path", "127.0.0.1"));
      listener.onEvent(event(JobState.FAILED), failedJob()); // the host's retry

      assertThat(flaky.requests).hasSize(2);
      assertThat(flaky.requests.get(1).text()).isEqualTo(flaky.requests.get(0).text());
      assertThat(fine.requests).hasSize(1);
    }
  }

  @Test
  void aReceiverThatNeverAnswersFailsAfterTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(silent.accept()); // accepted, read never, answered never
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Map<String, Object> config = config(endpoint("dead", "http://127.0.0.1:" + silent.getLocalPort() + "/", "json",
          null));
      config.put("timeoutMillis", 300);
      WebhookListener listener = new WebhookListener(new TestPluginContext("webhook", config, Clock.systemUTC(), dir));

      assertThatThrownBy(() -> listener.onEvent(event(JobState.FAILED), failedJob()))
          .hasMessage("webhook dead: no answer within 300 ms");
    }
  }

  @Test
  void theOwnersOwnWebhookHearsTheEventsTheyChoseSignedWithTheUserSecret() throws Exception {
    try (Receiver own = new Receiver()) {
      Path userSecret = dir.resolve("user-secret");
      Files.writeString(userSecret, "user-key");
      Map<String, Object> config = config();
      config.put("userSecretFile", userSecret.toString());
      TestPluginContext context = new TestPluginContext("webhook", config, Clock.systemUTC(), dir)
          .withUsers(new UserDirectory() {
            @Override
            public NotifyPreferences preferences(String user) {
              return user.equals("ann")
                  ? new NotifyPreferences("ann", null, java.util.Set.of("start", "failed"), own.url("/mine"))
                  : NotifyPreferences.defaults(user);
            }

            @Override
            public List<String> logTail(String jobId, int lines) {
              return List.of();
            }
          });
      WebhookListener listener = new WebhookListener(context);

      listener.onEvent(event(JobState.RUNNING), JobBuilder.from(failedJob()).state(JobState.RUNNING).build());
      listener.onEvent(event(JobState.TIMED_OUT), JobBuilder.from(failedJob()).state(JobState.TIMED_OUT).build());
      listener.onEvent(event(JobState.FAILED), JobBuilder.from(failedJob()).user("bob").build());

      assertThat(events(own)).containsExactly("start");
      assertThat(own.requests.get(0).header("X-Berth-Signature"))
          .isEqualTo("sha256=" + hmac("user-key", own.requests.get(0).body()));
    }
  }

  @Test
  void configMistakesAreRefusedNamingTheKeyAndNeverTheSecretOrTheUrl() throws Exception {
    assertThatThrownBy(() -> listener(endpoint("x", "http://h/", "json", List.of("finished"))))
        .hasMessageContaining("webhook.endpoints[0].events: unknown event 'finished'");
    assertThatThrownBy(() -> listener(endpoint("x", "ftp://h/secret-token", "json", null)))
        .hasMessage("config webhook.endpoints[0].url must be an http(s) URL with a host");
    assertThatThrownBy(() -> listener(endpoint("x", "http://h/", "xml", null)))
        .hasMessage("config webhook.endpoints[0].format must be json or slack");
    Map<String, Object> noSecret = new java.util.LinkedHashMap<>(Map.of("name", "x", "url", "http://h/"));
    assertThatThrownBy(() -> new WebhookListener(new TestPluginContext("webhook",
        Map.of("endpoints", List.of(noSecret)), Clock.systemUTC(), dir)))
        .hasMessageContaining("needs secretFile");
    assertThatThrownBy(() -> listener(endpoint("x", "http://h/", "json", null), endpoint("x", "http://h/", "json", null)))
        .hasMessageContaining("'x' is used twice");
  }

  @Test
  void theSecretNeverAppearsInTheListenersDescription() throws Exception {
    Endpoint e = WebhookConfig.from(new dev.berth.api.PluginConfig("notify.webhook",
        config(endpoint("lab", "http://h/", "json", null))), name -> null).endpoints().get(0);
    assertThat(e.toString()).doesNotContain(SECRET).doesNotContain("http://h/");
  }

  private List<String> events(Receiver r) throws IOException {
    List<String> out = new ArrayList<>();
    for (Receiver.Request q : r.requests) {
      out.add(json.readTree(q.body()).get("event").asText());
    }
    return out;
  }

  @SafeVarargs
  private WebhookListener listener(Map<String, Object>... endpoints) throws IOException {
    return new WebhookListener(new TestPluginContext("webhook", config(endpoints), Clock.systemUTC(), dir));
  }

  @SafeVarargs
  private Map<String, Object> config(Map<String, Object>... endpoints) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("publicUrl", "https://berth.lab/");
    config.put("endpoints", List.of(endpoints));
    return config;
  }

  private Map<String, Object> endpoint(String name, String url, String format, List<String> events) throws IOException {
    Path secret = dir.resolve(name + "-secret");
    Files.writeString(secret, SECRET + "\n");
    Map<String, Object> e = new java.util.LinkedHashMap<>();
    e.put("name", name);
    e.put("url", url);
    e.put("secretFile", secret.toString());
    e.put("format", format);
    if (events != null) {
      e.put("events", events);
    }
    return e;
  }

  private static Job failedJob() {
    return JobBuilder.job("7").name("train").user("ann").state(JobState.FAILED).submittedAt(AT).exitCode(3)
        .message("exit code 3").build();
  }

  /** The change into {@code to}; a start comes from SCHEDULED (RUNNING to RUNNING is the idle guard's warning). */
  private static JobEvent event(JobState to) {
    return new JobEvent("7", 5, AT, to == JobState.RUNNING ? JobState.SCHEDULED : JobState.RUNNING, to, "executor", null);
  }

  private static String hmac(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
