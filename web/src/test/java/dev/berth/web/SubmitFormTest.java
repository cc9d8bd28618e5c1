package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submit form over real HTTP: plain posts, htmx posts, and the API's validation inline. */
class SubmitFormTest {
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
  void theFormOffersTheTemplatesAndTheDefaultTemplatesParameters() {
    WebHttp.Response r = berth.http.get("/submit");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("<option value=\"demo\"", "<option value=\"proto-gcn\" selected",
        "name=\"parameters.config-file\"", "name=\"parameters.work-dir\"", "Training config");
    WebHttp.Response demo = berth.http.get("/submit?template=demo&user=bob", WebHttp.HTMX);
    assertThat(demo.body()).startsWith("<form id=\"submit-form\"").contains("name=\"parameters.seconds\"", "value=\"bob\"")
        .doesNotContain("parameters.config-file");
  }

  @Test
  void aPlainFormPostQueuesTheJobAndRedirectsToItsPageWithAFlash() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "demo", "user", "carol", "gpus", "0",
        "priority", "5", "name", "form job", "parameters.seconds", "1"), Map.of());
    assertThat(r.status()).isEqualTo(303);
    String location = r.header("Location");
    assertThat(location).matches("/jobs/[0-9]+");
    String id = location.substring("/jobs/".length());
    var job = berth.services().jobs().get(id);
    assertThat(job.user()).isEqualTo("carol");
    assertThat(job.priority()).isEqualTo(5);
    assertThat(job.parameters()).containsEntry("seconds", "1");
    assertThat(job.interactive()).isFalse();

    String cookies = r.header("Set-Cookie");
    assertThat(cookies).contains("berth_flash=");
    int at = cookies.indexOf("berth_flash=");
    String cookie = cookies.substring(at, cookies.indexOf(';', at));
    WebHttp.Response page = berth.http.get(location, Map.of("Cookie", cookie));
    assertThat(page.body()).contains("Job #" + id + " queued at position", "form job");
  }

  @Test
  void theInteractiveBoxMarksTheJobInteractive() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "demo", "user", "carol", "gpus", "0",
        "interactive", "true", "parameters.seconds", "1"), Map.of());
    assertThat(r.status()).isEqualTo(303);
    assertThat(berth.services().jobs().get(r.header("Location").substring("/jobs/".length())).interactive()).isTrue();
  }

  @Test
  void invalidFieldsComeBackInlineWithTheApisMessagesAnd422() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "proto-gcn", "user", "a b", "gpus", "9",
        "priority", "x", "parameters.config-file", "configs/j.py", "parameters.work-dir", "../escape"), Map.of());
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains("<html", "The job was not queued")
        .contains("must be 1-64 letters, digits, '.', '_' or '-'")
        .contains("must be from 0 to 8, was 9")
        .contains("must be a whole number from -1000 to 1000")
        .contains("must not contain '..'")
        .contains("value=\"configs/j.py\"", "aria-invalid=\"true\"");
    // The same body through the API gives the same messages.
    WebHttp.Response api = berth.http.postJson("/api/v1/jobs",
        "{\"template\":\"proto-gcn\",\"user\":\"a b\",\"gpus\":9,\"parameters\":{\"config-file\":\"configs/j.py\",\"work-dir\":\"../escape\"}}");
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.body()).contains("must be from 0 to 8, was 9", "must not contain '..'");
  }

  @Test
  void htmxGetsOnlyTheFormBackOnErrorsAndARedirectHeaderOnSuccess() {
    WebHttp.Response bad = berth.http.postForm("/jobs", form("template", "demo", "user", ""), WebHttp.HTMX);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).startsWith("<form id=\"submit-form\"").contains("is required").doesNotContain("<html");

    WebHttp.Response ok = berth.http.postForm("/jobs", form("template", "demo", "user", "dave", "gpus", "0"), WebHttp.HTMX);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.header("HX-Redirect")).matches("/jobs/[0-9]+");
  }

  @Test
  void anUnknownTemplateIsAFieldErrorNotAFailure() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "nope", "user", "erin"), Map.of());
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains("unknown template 'nope'");
  }

  private static Map<String, String> form(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }
}
