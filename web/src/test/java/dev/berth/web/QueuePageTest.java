package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.JobState;
import dev.berth.testkit.Await;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue page against a running Berth, over real HTTP: empty, with jobs, as a fragment. */
class QueuePageTest {
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    // No nvidia-smi here: the probe reports an error, GPU jobs wait with the reason.
    berth = WebBerth.withoutGpus(tmp);
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void theEmptyQueueRendersWithNavigationAndAssets() {
    WebHttp.Response r = berth.http.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    assertThat(r.body()).contains("<title>Queue · Berth</title>", "The queue is empty", "href=\"/submit\"",
        "/webjars/htmx.org/2.0.8/dist/htmx.min.js", "/webjars/htmx-ext-sse/2.2.2/sse.js", "sse-connect=\"/ui/events?topics=queue\"");
    assertThat(r.header("Server-Timing")).startsWith("app;dur=");
    assertThat(berth.http.get("/webjars/htmx.org/2.0.8/dist/htmx.min.js").status()).isEqualTo(200);
    assertThat(berth.http.get("/webjars/htmx-ext-sse/2.2.2/sse.js").status()).isEqualTo(200);
    assertThat(berth.http.get("/ui/berth.css").status()).isEqualTo(200);
  }

  @Test
  void aBlockedGpuJobShowsItsPlaceAndTheReasonAndTheFragmentIsOnlyTheBody() {
    String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":1,\"name\":\"blocked one\"}");
    String page = Await.until("the head's reason", Await.DEFAULT_TIMEOUT, () -> berth.http.get("/").body(),
        b -> b.contains("no GPU detected"));
    assertThat(page).contains("#" + id + " blocked one", "alice", "<strong>waiting:</strong>");
    assertThat(page).as("each reason starts with its code as a badge")
        .contains("<span class=\"code code-RESOURCES\">RESOURCES</span> no GPU detected", "<th scope=\"col\">Starts</th>",
            "<td class=\"estimate\">")
        .as("FIFO does not score").doesNotContain("<th scope=\"col\">Score</th>");
    WebHttp.Response fragment = berth.http.get("/", WebHttp.HTMX);
    assertThat(fragment.body()).contains("blocked one").doesNotContain("<html", "<nav aria-label=\"Main\"");
    berth.services().jobs().cancel(id, "test");
    assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.CANCELLED);
    assertThat(Await.until("the finished list", Await.DEFAULT_TIMEOUT, () -> berth.http.get("/").body(),
        b -> b.contains("Recently finished") && b.contains("CANCELLED"))).contains("cancelled by test");
  }

  @Test
  void anUnknownPageIsAnHtmlNotFoundForBrowsersAndProblemJsonForTheApi() {
    WebHttp.Response page = berth.http.get("/no/such/page");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body()).contains("There is no page at /no/such/page");
    WebHttp.Response api = berth.http.get("/api/v1/nope", Map.of("Accept", "application/json"));
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.header("Content-Type")).startsWith("application/problem+json");
  }
}
