package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server-sent event stream over real HTTP: a change in the queue reaches an open page. */
class LiveUpdatesTest {
  @TempDir static Path tmp;
  static WebBerth berth;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    berth = WebBerth.withoutGpus(tmp);
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  /** Opens the stream and collects its lines on the client's thread until the test ends. */
  private List<String> listen(String topics) throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(berth.base() + "/ui/events?topics=" + topics))
        .header("Accept", "text/event-stream")
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("admin:" + WebBerth.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .build();
    HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    Thread reader = new Thread(() -> {
      try (Stream<String> s = response.body()) {
        s.forEach(lines::add);
      } catch (RuntimeException e) {
        // the server went away at the end of the test
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  @Test
  void aSubmissionIsAnnouncedToQueueAndJobListeners() throws Exception {
    List<String> lines = listen("queue,job-1,job-2,job-3");
    Await.until("the subscription comment", Await.DEFAULT_TIMEOUT, () -> lines, l -> l.stream().anyMatch(s -> s.startsWith(": listening to queue")));
    String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1}");
    Await.until("a queue event", Await.DEFAULT_TIMEOUT, () -> lines, l -> l.contains("event: queue"));
    Await.until("the job's own event", Await.DEFAULT_TIMEOUT, () -> lines, l -> l.contains("event: job-" + id));
  }

  @Test
  void aNewResourceSampleIsAnnouncedToTheResourcesPage() throws Exception {
    List<String> lines = listen("resources");
    // The probe samples every scheduler.probeIntervalSeconds (5 s); each sample is announced.
    Await.until("a resources event", Duration.ofSeconds(30), () -> lines, l -> l.contains("event: resources"));
    assertThat(lines).doesNotContain("event: queue");
  }

  @Test
  void unknownTopicsAreRefusedWithAComment() throws Exception {
    List<String> lines = listen("nope,%3Cscript%3E");
    Await.until("the refusal", Await.DEFAULT_TIMEOUT, () -> lines, l -> l.stream().anyMatch(s -> s.contains("no known topic")));
  }
}
