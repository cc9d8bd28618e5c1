package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed submission gets a 4xx problem answer over real HTTP, and none reaches the store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedSubmissionTest {
  private InProcessBerth berth;

  record Case(String name, String contentType, String body) {}

  @BeforeAll
  void start(@TempDir Path tmp) {
    berth = InProcessBerth.start(tmp, InProcessBerth.config(tmp.resolve("none/nvidia-smi")));
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  static List<Case> cases() {
    String json = "application/json";
    List<Case> c = new ArrayList<>(List.of(
        new Case("empty body", json, ""),
        new Case("not JSON", json, "user=alice"),
        new Case("truncated JSON", json, "{\"user\":\"alice\""),
        new Case("trailing garbage", json, "{\"user\":\"alice\",\"template\":\"demo\"} x"),
        new Case("duplicate key", json, "{\"user\":\"alice\",\"user\":\"bob\",\"template\":\"demo\"}"),
        new Case("array", json, "[{\"user\":\"alice\"}]"),
        new Case("number", json, "42"),
        new Case("null", json, "null"),
        new Case("wrong content type", "text/plain", "{\"user\":\"alice\",\"template\":\"demo\"}"),
        new Case("form to the JSON API", "application/x-www-form-urlencoded", "user=alice&template=demo"),
        // Without a user field the job is the caller's (signed in); an empty one is still refused.
        new Case("empty user", json, "{\"template\":\"demo\",\"user\":\"\"}"),
        new Case("user with shell", json, "{\"user\":\"$(id)\",\"template\":\"demo\"}"),
        new Case("user with path", json, "{\"user\":\"../../etc\",\"template\":\"demo\"}"),
        new Case("user not a string", json, "{\"user\":[\"alice\"],\"template\":\"demo\"}"),
        new Case("user with unicode line separator", json, "{\"user\":\"al\\u2028ice\",\"template\":\"demo\"}"),
        new Case("unknown template", json, "{\"user\":\"alice\",\"template\":\"mine\"}"),
        new Case("template null", json, "{\"user\":\"alice\",\"template\":null}"),
        new Case("unknown field", json, "{\"user\":\"alice\",\"template\":\"demo\",\"command\":\"rm -rf /\"}"),
        new Case("gpus too many", json, "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":64}"),
        new Case("gpus negative", json, "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":-1}"),
        new Case("gpus as text", json, "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":\"two\"}"),
        new Case("gpus fractional", json, "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0.5}"),
        new Case("priority out of range", json, "{\"user\":\"alice\",\"template\":\"demo\",\"priority\":100000}"),
        new Case("name with tab", json, "{\"user\":\"alice\",\"template\":\"demo\",\"name\":\"a\\tb\"}"),
        new Case("name too long", json, "{\"user\":\"alice\",\"template\":\"demo\",\"name\":\"" + "n".repeat(101) + "\"}"),
        new Case("parameters as string", json, "{\"user\":\"alice\",\"template\":\"demo\",\"parameters\":\"seconds=1\"}"),
        new Case("undeclared parameter", json, "{\"user\":\"alice\",\"template\":\"demo\",\"parameters\":{\"evil\":\"1\"}}"),
        new Case("parameter with newline", json, "{\"user\":\"alice\",\"template\":\"demo\",\"parameters\":{\"seconds\":\"1\\nrm\"}}"),
        new Case("parameter object value", json, "{\"user\":\"alice\",\"template\":\"demo\",\"parameters\":{\"seconds\":{\"a\":1}}}"),
        new Case("parameter too long", json, "{\"user\":\"alice\",\"template\":\"demo\",\"parameters\":{\"seconds\":\"" + "9".repeat(5000) + "\"}}"),
        new Case("absolute work-dir", json, "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\",\"work-dir\":\"/root\"}}"),
        new Case("work-dir escaping", json, "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\",\"work-dir\":\"a/../../b\"}}"),
        new Case("config-file escaping", json, "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"../../etc/passwd\",\"work-dir\":\"w\"}}"),
        new Case("missing required parameter", json, "{\"user\":\"alice\",\"template\":\"proto-gcn\",\"parameters\":{\"config-file\":\"c.py\"}}"),
        new Case("oversize body", json, "{\"user\":\"alice\",\"template\":\"demo\",\"name\":\"x\",\"pad\":\"" + "p".repeat(70_000) + "\"}")));
    return c;
  }

  @Test
  void everyMalformedSubmissionIsRefusedWithAProblemAndNothingIsStored() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
    for (Case c : cases) {
      Http.Response r = berth.http.post("/api/v1/jobs", c.contentType(), c.body());
      assertThat(r.status()).as(c.name() + ": " + r.body()).isBetween(400, 499);
      assertThat(r.contentType()).as(c.name()).startsWith("application/problem+json");
      assertThat(r.json().get("status").asInt()).as(c.name()).isEqualTo(r.status());
      assertThat(r.body()).as(c.name()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(berth.http.get("/api/v1/jobs").json().get("jobs")).as("nothing reached the store").isEmpty();
  }

  @Test
  void fieldErrorsNameTheField() {
    Http.Response r = berth.http.postJson("/api/v1/jobs", "{\"user\":\"a b\",\"template\":\"demo\",\"gpus\":9}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("user", "gpus");
  }

  @Test
  void dryRunIsRefusedByAnExecutorThatCannotPreviewAndStoresNothing() {
    Http.Response r = berth.http.postJson("/api/v1/jobs?dryRun=true", "{\"user\":\"alice\",\"template\":\"demo\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("dryRun");
    assertThat(berth.http.postJson("/api/v1/jobs?dryRun=maybe", "{}").status()).isEqualTo(400);
  }

  @Test
  void unknownRoutesAndBadQueriesAreProblemsToo() {
    assertThat(berth.http.get("/api/v1/nope").status()).isEqualTo(404);
    assertThat(berth.http.get("/api/v1/nope").contentType()).startsWith("application/problem+json");
    assertThat(berth.http.get("/api/v1/jobs?state=DONE").status()).isEqualTo(400);
    assertThat(berth.http.get("/api/v1/jobs?limit=0").status()).isEqualTo(400);
    assertThat(berth.http.get("/api/v1/jobs?cursor=garbage").status()).isEqualTo(400);
    assertThat(berth.http.get("/api/v1/jobs/1/logs?tail=x").status()).isEqualTo(400);
  }
}
