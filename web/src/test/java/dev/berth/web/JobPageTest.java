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

/** The job page over real HTTP, with real child processes writing real logs. */
class JobPageTest {
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    berth = WebBerth.withoutGpus(tmp);
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void aFinishedJobShowsItsFieldsTimelineAndLogAndTheLogPollerStops() {
    String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"name\":\"short\",\"parameters\":{\"seconds\":\"1\"}}");
    Await.until("the job to complete", Await.DEFAULT_TIMEOUT, () -> berth.services().jobs().get(id).state(), s -> s == JobState.COMPLETED);
    WebHttp.Response page = berth.http.get("/jobs/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Job #" + id + " short", "state-COMPLETED", "<code>seconds</code>", "Exit code",
        "submitted → <strong>QUEUED</strong>", "QUEUED → <strong>SCHEDULED</strong>", "<strong>COMPLETED</strong>",
        "step 1", "done")
        .doesNotContain("id=\"cancel\"", "every 2s");
    WebHttp.Response log = berth.http.get("/jobs/" + id + "/log", WebHttp.HTMX);
    assertThat(log.status()).as("htmx stops polling on 286").isEqualTo(286);
    assertThat(log.body()).contains("done").doesNotContain("<html");
    WebHttp.Response details = berth.http.get("/jobs/" + id, WebHttp.HTMX);
    assertThat(details.body()).contains("id=\"timeline\"").doesNotContain("<html");
  }

  @Test
  void aQueuedJobCanBeCancelledWithoutJavaScriptThroughTheConfirmationPage() {
    String id = berth.http.submit("{\"user\":\"bob\",\"template\":\"demo\",\"gpus\":1}");
    WebHttp.Response page = berth.http.get("/jobs/" + id);
    assertThat(page.body()).contains("id=\"cancel\"", "hx-confirm=\"Cancel job #" + id, "position", "every 2s");
    WebHttp.Response confirm = berth.http.get("/jobs/" + id + "/cancel");
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.body()).contains("Cancel job #" + id + "?", "method=\"post\"", "Yes, cancel job #" + id);

    WebHttp.Response cancel = berth.http.postForm("/jobs/" + id + "/cancel", Map.of(), Map.of());
    assertThat(cancel.status()).isEqualTo(303);
    assertThat(cancel.header("Location")).isEqualTo("/jobs/" + id);
    var job = berth.services().jobs().get(id);
    assertThat(job.state()).isEqualTo(JobState.CANCELLED);
    assertThat(berth.services().jobs().events(id).get(1).actor()).isEqualTo("admin");

    WebHttp.Response again = berth.http.postForm("/jobs/" + id + "/cancel", Map.of(), WebHttp.HTMX);
    assertThat(again.header("HX-Redirect")).isEqualTo("/jobs/" + id);
    assertThat(again.header("Set-Cookie")).contains("berth_flash=error");
  }

  @Test
  void unknownAndMalformedIdsAreHtmlNotFoundPages() {
    for (String path : new String[] {"/jobs/999999", "/jobs/abc", "/jobs/999999/log", "/jobs/1%3Cscript%3E/cancel"}) {
      WebHttp.Response r = berth.http.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
      assertThat(r.body()).as(path).contains("no job").doesNotContain("<script>", "Exception");
    }
    assertThat(berth.http.postForm("/jobs/999999/cancel", Map.of(), Map.of()).status()).isEqualTo(404);
  }
}
