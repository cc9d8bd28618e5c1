package dev.berth.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint and page, called by anonymous, by the owner of a job ("alice"), by another user
 * ("bob") and by an admin, against a real Berth: the status each must get. One server for the
 * table; each row runs against its own job where it changes one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {
  private static final String PASSWORD = "correct-horse-battery";
  private WebBerth berth;
  private WebHttp anonymous;
  private WebHttp alice;
  private WebHttp bob;
  private WebHttp admin;

  @BeforeAll
  void start(@TempDir Path dir) {
    berth = WebBerth.withoutGpus(dir);
    admin = berth.http;
    anonymous = berth.anonymous;
    assertThat(admin.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(201);
    assertThat(admin.postJson("/api/v1/users", "{\"username\":\"bob\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(201);
    alice = anonymous.as("alice", PASSWORD);
    bob = anonymous.as("bob", PASSWORD);
  }

  @AfterAll
  void stop() {
    berth.close();
  }

  /**
   * One row: a request, and the status for anonymous, alice (owner of {@code {job}}), bob, admin.
   * Anonymous page requests are redirected to the sign-in page (303).
   */
  record Row(String method, String path, String body, int anonymous, int owner, int other, int admin) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Row> rows() {
    String job = "{\"template\":\"demo\",\"gpus\":1}";
    List<Row> rows = new ArrayList<>(List.of(
        new Row("GET", "/healthz", null, 200, 200, 200, 200),
        new Row("GET", "/readyz", null, 200, 200, 200, 200),
        new Row("GET", "/metrics", null, 200, 200, 200, 200),
        new Row("GET", "/login", null, 200, 303, 303, 303),
        new Row("GET", "/api/v1/me", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/queue", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/jobs", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/jobs/{job}", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/jobs/{job}/events", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/jobs/{job}/logs", null, 401, 200, 403, 200),
        new Row("POST", "/api/v1/jobs/{job}/cancel", "", 401, 200, 403, 200),
        new Row("POST", "/api/v1/jobs", job, 401, 201, 201, 201),
        new Row("POST", "/api/v1/jobs", "{\"template\":\"demo\",\"gpus\":1,\"user\":\"alice\"}", 401, 201, 403, 201),
        new Row("POST", "/submit", "{\"user\":\"alice\",\"config\":\"c.py\",\"workdir\":\"w\"}", 401, 201, 403, 201),
        new Row("GET", "/api/v1/resources", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/plugins", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/templates", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/version", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/fairshare", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/settings", null, 401, 200, 200, 200),
        new Row("GET", "/api/v1/settings/scheduler", null, 401, 200, 200, 200),
        new Row("PUT", "/api/v1/settings/scheduler", "{\"maxRunningJobs\":1}", 401, 403, 403, 200),
        new Row("GET", "/api/v1/me/tokens", null, 401, 200, 200, 200),
        new Row("POST", "/api/v1/me/tokens", "{\"name\":\"t\"}", 401, 201, 201, 201),
        new Row("DELETE", "/api/v1/me/tokens/nope", null, 401, 404, 404, 404),
        new Row("GET", "/api/v1/users", null, 401, 403, 403, 200),
        new Row("GET", "/api/v1/users/alice", null, 401, 403, 403, 200),
        new Row("POST", "/api/v1/users", "{\"username\":\"u{n}\",\"password\":\"password-1234\"}", 401, 403, 403, 201),
        new Row("PATCH", "/api/v1/users/bob", "{\"disabled\":false}", 401, 403, 403, 200),
        new Row("PATCH", "/api/v1/users/bob", "{\"shares\":1}", 401, 403, 403, 200),
        new Row("GET", "/api/v1/users/bob/tokens", null, 401, 403, 403, 200),
        new Row("DELETE", "/api/v1/users/bob/tokens/nope", null, 401, 403, 403, 404),
        new Row("GET", "/api/v1/audit", null, 401, 403, 403, 200),
        new Row("GET", "/", null, 303, 200, 200, 200),
        new Row("GET", "/submit", null, 303, 200, 200, 200),
        new Row("GET", "/resources", null, 303, 200, 200, 200),
        new Row("GET", "/jobs/{job}", null, 303, 200, 200, 200),
        new Row("GET", "/jobs/{job}/log", null, 303, 200, 403, 200),
        new Row("GET", "/jobs/{job}/cancel", null, 303, 200, 403, 200),
        new Row("POST", "/jobs/{job}/cancel", "", 303, 303, 403, 303),
        new Row("GET", "/tokens", null, 303, 200, 200, 200),
        new Row("GET", "/admin/settings", null, 303, 403, 403, 200),
        new Row("GET", "/admin/plugins", null, 303, 403, 403, 200),
        new Row("GET", "/admin/users", null, 303, 403, 403, 200),
        new Row("GET", "/admin/users/bob/tokens", null, 303, 403, 403, 200),
        new Row("POST", "/admin/users/bob/tokens/nope/revoke", "", 303, 403, 403, 404),
        new Row("GET", "/admin/audit", null, 303, 403, 403, 200),
        new Row("GET", "/ui/events?topics=queue", null, 303, -1, -1, -1)));
    return rows;
  }

  private int counter;

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void eachCallerGetsTheExpectedStatus(Row row) {
    check(row, anonymous, row.anonymous(), "anonymous");
    check(row, alice, row.owner(), "alice (owner)");
    check(row, bob, row.other(), "bob (another user)");
    check(row, admin, row.admin(), "admin");
  }

  private void check(Row row, WebHttp client, int expected, String who) {
    if (expected < 0) {
      return; // an event stream stays open: only the refusal is checked
    }
    String jobId = alice.submit("{\"template\":\"demo\",\"gpus\":1}");
    String path = row.path().replace("{job}", jobId);
    String body = row.body() == null ? null : row.body().replace("{n}", Integer.toString(++counter));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(berth.base() + path));
    if (path.startsWith("/api/") || path.equals("/submit") && row.method().equals("POST")) {
      b.header("Content-Type", "application/json").header("Accept", "application/json");
    } else {
      b.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html");
    }
    b.method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    WebHttp.Response r = client.send(b);
    assertThat(r.status()).as("%s by %s: %s", row, who, r.body()).isEqualTo(expected);
    if (expected == 401) {
      assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
    if (expected == 303 && client == anonymous) {
      assertThat(r.header("Location")).startsWith("/login?next=");
    }
  }
}
