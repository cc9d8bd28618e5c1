package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.testkit.Await;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 in the web UI over real HTTP: the submit form's dependency, array, sweep, hold and retry
 * fields; the queue's array rows and held jobs; the job page's hold, release and resubmit buttons,
 * dependencies, array link, attempts and each attempt's log. No GPU: jobs asking for one stay queued.
 */
class FlowPagesTest {
  @TempDir static Path tmp;
  static WebBerth berth;

  @BeforeAll
  static void start() {
    berth = WebBerth.start(tmp, tmp.resolve("no-such/nvidia-smi"), """
        executor:
          local:
            templates:
              nap:
                description: Says its array index, then sleeps.
                command: ["sh", "-c", "echo index $BERTH_ARRAY_INDEX; sleep $BERTH_PARAM_SECONDS"]
                parameters:
                  seconds: { kind: text, default: "1" }
              train:
                description: Prints its parameters.
                command: ["sh", "-c", "echo lr=$BERTH_PARAM_LR bs=$BERTH_PARAM_BS"]
                parameters:
                  lr: { kind: path, default: "0.1" }
                  bs: { kind: text, default: "32" }
              flaky:
                description: Fails until a marker file exists; it writes the marker on its second failure.
                command: ["sh", "-c", "if [ -f ui-marker ]; then echo succeeded on attempt $BERTH_ATTEMPT; exit 0; fi; [ -f ui-failed-once ] && touch ui-marker; touch ui-failed-once; echo failing on attempt $BERTH_ATTEMPT; exit 1"]
        """);
  }

  @AfterAll
  static void stop() {
    berth.close();
  }

  @Test
  void anArrayFromTheFormRedirectsToItsPageAndIsOneExpandableRowOfTheQueue() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "nap", "user", "carol", "gpus", "1",
        "name", "capped", "array", "0-2%1"), Map.of());
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).matches("/arrays/[0-9]+");
    String arrayId = r.header("Location").substring("/arrays/".length());
    List<Job> jobs = berth.services().flows().array(arrayId).jobs().stream().map(v -> v.job()).toList();
    assertThat(jobs).hasSize(3).allSatisfy(j -> assertThat(j.flow().arrayMaxRunning()).isEqualTo(1));

    WebHttp.Response page = berth.http.get(r.header("Location"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Array #" + arrayId + " capped", "3 jobs", "at most 1 running at once",
        "QUEUED 3", "id=\"cancel-array\"", "href=\"/jobs/" + jobs.get(2).id() + "\"");

    WebHttp.Response queue = berth.http.get("/");
    assertThat(queue.body()).contains("data-array=\"" + arrayId + "\"", "<details>", "array #" + arrayId + " capped",
        "3 QUEUED · at most 1 running at once", "<li data-job=\"" + jobs.get(1).id() + "\"")
        .doesNotContain("<tr data-job=\"" + jobs.get(1).id() + "\"");

    WebHttp.Response job = berth.http.get("/jobs/" + jobs.get(1).id());
    assertThat(job.body()).contains("<a href=\"/arrays/" + arrayId + "\">array #" + arrayId + "</a>, index 1");

    WebHttp.Response cancel = berth.http.postForm("/arrays/" + arrayId + "/cancel", Map.of(), Map.of());
    assertThat(cancel.status()).isEqualTo(303);
    assertThat(berth.services().flows().array(arrayId).counts()).isEqualTo(Map.of(JobState.CANCELLED, 3));
    assertThat(berth.http.get("/arrays/" + arrayId).body()).doesNotContain("id=\"cancel-array\"");
    assertThat(berth.http.get("/arrays/999999").status()).isEqualTo(404);
  }

  @Test
  void aSweepFromTheFormQueuesEveryCombination() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "train", "user", "carol", "gpus", "1",
        "sweep", "lr=0.1,0.01\r\nbs=32, 64\r\n", "array", "%2"), Map.of());
    assertThat(r.status()).isEqualTo(303);
    String arrayId = r.header("Location").substring("/arrays/".length());
    var array = berth.services().flows().array(arrayId);
    assertThat(array.jobs()).extracting(v -> v.job().parameters().get("lr") + "/" + v.job().parameters().get("bs"))
        .containsExactly("0.1/32", "0.1/64", "0.01/32", "0.01/64");
    assertThat(array.maxRunning()).isEqualTo(2);
    assertThat(berth.http.postForm("/arrays/" + arrayId + "/cancel", Map.of(), Map.of()).status()).isEqualTo(303);
  }

  @Test
  void badFlowFieldsComeBackInlineAndNothingIsStored() {
    int before = stored();
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "train", "user", "carol", "gpus", "1",
        "after", "999999, 12:sometimes", "array", "%2", "sweep", "lr=../up\nnope=1", "maxRetries", "11"), Map.of());
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body()).contains("The job was not queued", "must be succeeded, ended or failed, not 'sometimes'",
        "lr[0]: ", "must not contain '..'", "nope: is not a parameter of template 'train'",
        "must be a whole number from 0 to 10", "value=\"999999, 12:sometimes\"", "lr=../up\nnope=1</textarea>");
    WebHttp.Response missing = berth.http.postForm("/jobs", form("template", "nap", "user", "carol",
        "after", "999999"), WebHttp.HTMX);
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body()).startsWith("<form id=\"submit-form\"").contains("no job 999999");
    WebHttp.Response badArray = berth.http.postForm("/jobs", form("template", "nap", "user", "carol",
        "array", "0-x"), Map.of());
    assertThat(badArray.status()).isEqualTo(422);
    assertThat(badArray.body()).contains("id=\"error-array\"");
    assertThat(stored()).isEqualTo(before);
  }

  @Test
  void holdReleaseAndResubmitButtonsShowWhenTheyApplyAndDoWhatTheySay() {
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "nap", "user", "dave", "gpus", "1",
        "name", "held one", "hold", "on", "parameters.seconds", "7"), Map.of());
    assertThat(r.status()).isEqualTo(303);
    String id = r.header("Location").substring("/jobs/".length());
    assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.HELD);

    assertThat(berth.http.get("/").body()).contains("id=\"held\"", "<tr data-job=\"" + id + "\"", "state-HELD");
    WebHttp.Response held = berth.http.get("/jobs/" + id);
    assertThat(held.body()).contains("state-HELD", "id=\"release\"", "id=\"resubmit\"", "name=\"_csrf\"")
        .doesNotContain("id=\"hold\"");

    assertThat(berth.http.postForm("/jobs/" + id + "/release", Map.of(), Map.of()).status()).isEqualTo(303);
    assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.QUEUED);
    assertThat(berth.http.get("/jobs/" + id).body()).contains("id=\"hold\"").doesNotContain("id=\"release\"");
    WebHttp.Response again = berth.http.postForm("/jobs/" + id + "/release", Map.of(), Map.of());
    assertThat(again.status()).isEqualTo(303);
    assertThat(berth.http.postForm("/jobs/" + id + "/hold", Map.of(), Map.of()).status()).isEqualTo(303);
    assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.HELD);

    WebHttp.Response resubmitted = berth.http.postForm("/jobs/" + id + "/resubmit", Map.of(), Map.of());
    assertThat(resubmitted.status()).isEqualTo(303);
    String copy = resubmitted.header("Location").substring("/jobs/".length());
    assertThat(copy).isNotEqualTo(id);
    Job c = berth.services().jobs().get(copy);
    assertThat(c.parameters()).containsEntry("seconds", "7");
    assertThat(c.user()).isEqualTo("dave");
    assertThat(c.state()).isEqualTo(JobState.QUEUED);
    berth.services().jobs().cancel(copy, "test");
    berth.services().jobs().cancel(id, "test");
  }

  @Test
  void theJobPageLinksItsDependenciesAndShowsEachAttemptsLog() {
    String head = berth.http.submit("{\"user\":\"erin\",\"template\":\"nap\",\"gpus\":1}");
    WebHttp.Response r = berth.http.postForm("/jobs", form("template", "nap", "user", "erin", "gpus", "0",
        "after", head + ", " + head + ":ended"), Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(422);
    WebHttp.Response ok = berth.http.postForm("/jobs", form("template", "nap", "user", "erin", "gpus", "0",
        "after", head + ":ended"), Map.of());
    String waiting = ok.header("Location").substring("/jobs/".length());
    assertThat(berth.http.get("/jobs/" + waiting).body()).contains("id=\"depends-on\"",
        "<a href=\"/jobs/" + head + "\">#" + head + "</a> ended");
    berth.services().jobs().cancel(head, "test");

    WebHttp.Response flaky = berth.http.postForm("/jobs", form("template", "flaky", "user", "erin", "gpus", "0",
        "maxRetries", "2"), Map.of());
    String id = flaky.header("Location").substring("/jobs/".length());
    Await.until("the third attempt to succeed", Await.DEFAULT_TIMEOUT, () -> berth.services().jobs().get(id),
        j -> j.state() == JobState.COMPLETED);
    WebHttp.Response page = berth.http.get("/jobs/" + id);
    assertThat(page.body()).contains("<dd id=\"attempt\">3 of 3</dd>", "id=\"attempts\"",
        "href=\"/jobs/" + id + "?attempt=1\"", "succeeded on attempt 3", "Log of attempt 3");
    WebHttp.Response first = berth.http.get("/jobs/" + id + "?attempt=1");
    assertThat(first.body()).contains("failing on attempt 1", "Log of attempt 1", "logs?tail=100000&attempt=1")
        .doesNotContain("succeeded on attempt");
    assertThat(berth.http.get("/jobs/" + id + "?attempt=9").status()).isEqualTo(400);
  }

  @Test
  void anotherUserSeesNoButtonsForAJobNotTheirsAndIsRefusedTheActions() {
    assertThat(berth.http.postJson("/api/v1/users",
        "{\"username\":\"frank\",\"password\":\"frank-secret-pw\"}").status()).isEqualTo(201);
    WebHttp frank = berth.anonymous.as("frank", "frank-secret-pw");
    String id = berth.http.submit("{\"user\":\"gina\",\"template\":\"nap\",\"gpus\":1,\"hold\":true}");
    try {
      WebHttp.Response page = frank.get("/jobs/" + id);
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body()).contains("state-HELD").doesNotContain("id=\"release\"", "id=\"hold\"", "id=\"resubmit\"");
      for (String action : new String[] {"release", "hold", "resubmit"}) {
        WebHttp.Response r = frank.postForm("/jobs/" + id + "/" + action, Map.of(), Map.of());
        assertThat(r.status()).as(action).isEqualTo(403);
        assertThat(r.body()).as(action).contains("belongs to 'gina'");
      }
      assertThat(berth.services().jobs().get(id).state()).isEqualTo(JobState.HELD);
    } finally {
      berth.services().jobs().cancel(id, "test");
    }
  }

  private static int stored() {
    return berth.services().jobs().list(JobQuery.inStates(EnumSet.allOf(JobState.class), 1000)).jobs().size();
  }

  private static Map<String, String> form(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }
}
