package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.berth.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed {@code bin/berth} client against a real {@code berth serve} from the distribution,
 * both child processes: login, submit --follow and its exit code, the queue table, logs -f, cancel
 * refusals, the unreachable-server and revoked-token messages, --json, and the credentials file's
 * mode. Every answer the CLI received is checked by {@link CliTrace}, and against the OpenAPI document
 * the server serves ({@link OpenApiContract}).
 */
class CliEndToEndTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static BerthProcess berth;
  private static String server;
  private final List<BerthCli> clis = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(tmp.resolve("no-such/nvidia-smi")) + """
        executor:
          local:
            templates:
              count:
                command: ["bash", "-c", "for i in $(seq 1 ${steps}); do echo step $i; sleep 1; done; echo done; exit ${code}"]
                parameters:
                  steps: { kind: text, default: "1" }
                  code: { kind: text, default: "0" }
        """);
    int port = BerthProcess.freePort();
    berth = BerthProcess.serve(config, tmp.resolve("data"), port, tmp.resolve("server.log"));
    server = "http://127.0.0.1:" + port;
    for (String user : List.of("alice", "bob")) {
      assertThat(berth.http.postJson("/api/v1/users",
          "{\"username\":\"" + user + "\",\"password\":\"" + user + "-secret-pw\",\"admin\":false}").status()).isEqualTo(201);
    }
  }

  @AfterEach
  void everyAnswerIsWellFormedAndAsTheOpenApiDocumentSays() {
    OpenApiContract contract = OpenApiContract.of(berth.http);
    clis.forEach(c -> {
      c.trace().check(CliTrace::wellFormed);
      c.trace().check(contract::check);
    });
  }

  @AfterAll
  static void stop() throws Exception {
    berth.close();
  }

  private BerthCli cli(String name) {
    BerthCli c = new BerthCli(tmp.resolve(name), server);
    clis.add(c);
    return c;
  }

  private BerthCli signedIn(String name, String user) {
    BerthCli c = cli(name);
    BerthCli.Result r = c.runWithInput(user + "-secret-pw\n", "login", "--user", user);
    assertThat(r.code()).as(r.toString()).isZero();
    return c;
  }

  @Test
  void loginSavesATokenReadableOnlyByTheUserAndLogoutRevokesIt() throws Exception {
    BerthCli alice = cli("login-alice");
    BerthCli.Result login = alice.runWithInput("alice\nalice-secret-pw\n", "login");
    assertThat(login.code()).as(login.toString()).isZero();
    assertThat(login.out()).contains("Signed in to " + server + " as alice");
    assertThat(Files.getPosixFilePermissions(alice.credentials())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(alice.credentials())).doesNotContain("alice-secret-pw");
    String tokenId = JSON.readTree(Files.readString(alice.credentials())).get("tokenId").asText();

    BerthCli.Result who = alice.run("whoami");
    assertThat(who.out()).startsWith("alice at " + server);

    BerthCli.Result logout = alice.run("logout");
    assertThat(logout.code()).as(logout.toString()).isZero();
    assertThat(alice.credentials()).doesNotExist();
    assertThat(berth.http.as("alice", "alice-secret-pw").get("/api/v1/me/tokens").json().get("tokens").findValuesAsText("id"))
        .doesNotContain(tokenId);
    BerthCli.Result after = alice.run("queue");
    assertThat(after.code()).isEqualTo(4);
    assertThat(after.err()).isEqualTo("berth: not signed in: run berth login (or set BERTH_TOKEN)\n");
  }

  @Test
  void aWrongPasswordIsOneLineAndSavesNothing() {
    BerthCli c = cli("wrong-password");
    BerthCli.Result r = c.runWithInput("not-the-password\n", "login", "--user", "alice");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("did not accept your credentials");
    assertThat(c.credentials()).doesNotExist();
  }

  @Test
  void aCredentialsFileOthersCanReadIsRefusedWithTheReason() throws Exception {
    BerthCli alice = signedIn("loose-mode", "alice");
    Files.setPosixFilePermissions(alice.credentials(), PosixFilePermissions.fromString("rw-r--r--"));
    BerthCli.Result r = alice.run("queue");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("can be read or changed by others", "rw-r--r--", "chmod 600");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void submitFollowStreamsTheLogAndExitsWithTheJobsExitCode() {
    BerthCli alice = signedIn("follow", "alice");
    BerthCli.Result ok = alice.run("submit", "count", "--gpus", "0", "-p", "steps=2", "--follow");
    assertThat(ok.code()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("step 1\nstep 2\ndone\n");
    assertThat(ok.err()).startsWith("Submitted job ");

    BerthCli.Result failed = alice.run("submit", "count", "--gpus", "0", "-p", "code=3", "--follow");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(3);
    assertThat(failed.out()).contains("done");
  }

  @Test
  void theQueueTableHasItsColumnsFitsEightyColumnsAndSaysWhyTheHeadWaits() throws Exception {
    BerthCli alice = signedIn("queue", "alice");
    String id = submittedId(alice.run("submit", "count", "--gpus", "1", "--name", "a-rather-long-job-name-that-is-cut"));
    try {
      BerthCli.Result r = alice.run("queue");
      assertThat(r.code()).as(r.toString()).isZero();
      List<String> lines = r.out().lines().toList();
      assertThat(lines.get(0).split("\\s+")).containsExactly("POS", "ID", "USER", "NAME", "GPUS", "STATE", "WAITED", "START", "REASON");
      assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
      String row = lines.stream().filter(l -> l.contains(" " + id + " ")).findFirst().orElseThrow();
      assertThat(row).contains("alice", "a-rather-lo", "…", "QUEUED", "RESOURCES").doesNotContain("\u001b[");

      BerthCli.Result why = alice.run("why", id);
      assertThat(why.out().lines()).contains("RESOURCES  no GPU detected")
          .anySatisfy(l -> assertThat(l).matches("(starts (in \\S+|now) \\(\\S+Z\\)|no estimate: .+)"));
      BerthCli.Result show = alice.run("show", id);
      assertThat(show.out()).contains("state:", "QUEUED", "History:", "Waiting because:", "RESOURCES  no GPU detected",
          "Start: ").doesNotContain("{\"code\":\"RESOURCES\"", "Score:");
      JsonNode whyJson = JSON.readTree(alice.run("why", id, "--json").out());
      assertThat(whyJson.get("waitingReasons").get(0).get("code").asText()).isEqualTo("RESOURCES");
      assertThat(whyJson.has("estimatedStartAt") && whyJson.has("estimateNote") && whyJson.has("score")).isTrue();
    } finally {
      assertThat(alice.run("cancel", id).code()).isZero();
    }
  }

  @Test
  void logsFollowEndsWhenTheJobEnds() {
    BerthCli alice = signedIn("logs", "alice");
    String id = submittedId(alice.run("submit", "count", "--gpus", "0", "-p", "steps=3"));
    BerthCli.Result r = alice.run("logs", id, "-f");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).contains("step 1\nstep 2\nstep 3\ndone\n");
    assertThat(berth.http.job(id).get("state").asText()).isEqualTo("COMPLETED");

    BerthCli.Result tail = alice.run("logs", id, "--tail", "1");
    assertThat(tail.out()).isEqualTo("done\n");
  }

  @Test
  void cancellingSomeoneElsesJobIsRefusedWithTheServersReason() {
    BerthCli alice = signedIn("cancel-alice", "alice");
    BerthCli bob = signedIn("cancel-bob", "bob");
    String id = submittedId(alice.run("submit", "count", "--gpus", "1"));
    try {
      BerthCli.Result r = bob.run("cancel", id);
      assertThat(r.code()).isEqualTo(5);
      assertThat(r.err()).isEqualTo("berth: job " + id + " was not cancelled: forbidden: job " + id
          + " belongs to 'alice'; you may cancel only your own jobs\n");
      BerthCli.Result mixed = alice.run("cancel", id, "99999");
      assertThat(mixed.code()).isEqualTo(6);
      assertThat(mixed.out()).contains("cancelled job " + id);
      assertThat(mixed.err()).contains("job 99999 was not cancelled: no job 99999");
    } finally {
      berth.http.post("/api/v1/jobs/" + id + "/cancel", "application/json", "");
    }
  }

  @Test
  void anUnreachableServerIsNamedInOneLine() throws Exception {
    String nowhere = "http://127.0.0.1:" + BerthProcess.freePort();
    BerthCli c = signedIn("unreachable", "alice").env("BERTH_SERVER", nowhere);
    BerthCli.Result r = c.run("queue");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("berth: cannot reach the Berth server at " + nowhere
        + " (connection refused); is it running? Set another with --server or BERTH_SERVER\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aRevokedTokenSaysToLogInAgain() throws Exception {
    BerthCli alice = signedIn("revoked", "alice");
    String tokenId = JSON.readTree(Files.readString(alice.credentials())).get("tokenId").asText();
    assertThat(berth.http.as("alice", "alice-secret-pw").send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(server + "/api/v1/me/tokens/" + tokenId)).DELETE()).status()).isEqualTo(204);
    BerthCli.Result r = alice.run("queue");
    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).startsWith("berth: the server at " + server + " did not accept your credentials")
        .endsWith("; run berth login\n");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void errorsAreOneLineWithTheirExitCodes() {
    BerthCli alice = signedIn("errors", "alice");
    BerthCli.Result missing = alice.run("show", "99999");
    assertThat(missing.code()).isEqualTo(6);
    assertThat(missing.err()).isEqualTo("berth: no job 99999\n");
    BerthCli.Result bad = alice.run("submit", "no-such-template", "--gpus", "99");
    assertThat(bad.code()).isEqualTo(7);
    assertThat(bad.err()).startsWith("berth: invalid request: ").contains("template: unknown template 'no-such-template'", "gpus: ");
    assertThat(bad.err().lines()).hasSize(1);
    BerthCli.Result usage = alice.run("queue", "--no-such-option");
    assertThat(usage.code()).isEqualTo(2);
    BerthCli.Result codes = alice.run("help", "exit-codes");
    assertThat(codes.out()).contains("3    the server cannot be reached", "130");
  }

  @Test
  void jsonOutputParsesBackToTheApisObjects() throws Exception {
    BerthCli alice = signedIn("json", "alice");
    String id = submittedId(alice.run("submit", "count", "--gpus", "0"));
    Await.until("job " + id + " to end", T, () -> berth.http.job(id).get("state").asText(), s -> s.equals("COMPLETED"));

    JsonNode show = JSON.readTree(alice.run("show", id, "--json").out());
    assertThat(show.get("job").get("id").asText()).isEqualTo(id);
    assertThat(show.get("events").findValuesAsText("to")).startsWith("QUEUED").endsWith("COMPLETED");
    JsonNode queue = JSON.readTree(alice.run("queue", "--all", "--json").out());
    assertThat(queue.has("running") && queue.has("queued") && queue.has("queuedTotal")).isTrue();
    JsonNode history = JSON.readTree(alice.run("history", "--json").out());
    assertThat(history.get("jobs").findValuesAsText("id")).contains(id);
    JsonNode gpus = JSON.readTree(alice.run("gpus", "--json").out());
    assertThat(gpus.has("nodes")).isTrue();
    JsonNode me = JSON.readTree(alice.run("whoami", "--json").out());
    assertThat(me.get("username").asText()).isEqualTo("alice");

    BerthCli.Result table = alice.run("history");
    assertThat(table.out()).contains("COMPLETED");
    assertThat(alice.run("gpus").out()).contains("no GPU");
  }

  @Test
  void aTokenFromTheEnvironmentNeedsNoFile() throws Exception {
    Http.Response t = berth.http.as("bob", "bob-secret-pw").postJson("/api/v1/me/tokens", "{\"name\":\"ci\"}");
    BerthCli ci = cli("ci").env("BERTH_TOKEN", t.json().get("token").asText());
    BerthCli.Result r = ci.run("whoami");
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("bob at " + server);
  }

  @Test
  void dependenciesHoldsArraysSweepsRetriesAndResubmitsFromTheCommandLine() {
    BerthCli alice = signedIn("flow-alice", "alice");
    BerthCli bob = signedIn("flow-bob", "bob");
    try {
      String a = submittedId(alice.run("submit", "count", "--gpus", "1"));
      BerthCli.Result heldRun = alice.run("submit", "count", "--gpus", "0", "--after", a + ":ended", "--hold",
          "--max-retries", "2");
      assertThat(heldRun.out()).as(heldRun.toString()).endsWith(", held (berth release "
          + submittedId(heldRun) + " lets it start)\n");
      String b = submittedId(heldRun);
      assertThat(berth.http.get("/api/v1/jobs/" + b).json().get("dependsOn").toString())
          .isEqualTo("[{\"job\":\"" + a + "\",\"when\":\"ended\"}]");

      BerthCli.Result notYours = bob.run("hold", a);
      assertThat(notYours.code()).isEqualTo(5);
      assertThat(notYours.err()).isEqualTo("berth: job " + a + " was not held: forbidden: job " + a
          + " belongs to 'alice'; you may hold only your own jobs\n");
      assertThat(alice.run("hold", a).out()).isEqualTo("held job " + a + "\n");
      assertThat(berth.http.get("/api/v1/jobs/" + a).json().get("state").asText()).isEqualTo("HELD");
      BerthCli.Result released = alice.run("release", a, b);
      assertThat(released.code()).as(released.toString()).isZero();
      assertThat(released.out()).isEqualTo("released job " + a + "\nreleased job " + b + "\n");

      BerthCli.Result resubmitted = alice.run("resubmit", a, "-p", "steps=2", "--gpus", "0", "--time-limit", "1h");
      assertThat(resubmitted.code()).as(resubmitted.toString()).isZero();
      assertThat(resubmitted.out()).startsWith("Resubmitted job " + a + " as job ");
      String copy = resubmitted.out().substring(("Resubmitted job " + a + " as job ").length()).split("[ ,\n]")[0];
      JsonNode c = berth.http.get("/api/v1/jobs/" + copy).json();
      assertThat(c.get("parameters").get("steps").asText()).isEqualTo("2");
      assertThat(c.get("gpus").asInt()).isZero();
      assertThat(c.get("timeLimitSeconds").asLong()).isEqualTo(3600);
      assertThat(alice.run("cancel", a).code()).isZero();

      BerthCli.Result array = alice.run("submit", "count", "--gpus", "1", "--array", "0-2%1");
      assertThat(array.out()).as(array.toString()).matches("Submitted array [0-9]+: 3 jobs, at most 1 running at once\n");
      String arrayId = array.out().split(" ")[2].replace(":", "");
      BerthCli.Result summary = alice.run("array", arrayId);
      assertThat(summary.code()).as(summary.toString()).isZero();
      assertThat(summary.out()).startsWith("array " + arrayId + " count of alice: 3 jobs, at most 1 running at once\n")
          .contains("3 QUEUED", "  2\tjob ");
      assertThat(bob.run("array", arrayId, "--cancel").code()).isEqualTo(5);
      BerthCli.Result cancelled = alice.run("array", arrayId, "--cancel");
      assertThat(cancelled.out()).as(cancelled.toString()).contains("3 CANCELLED", ", done");

      BerthCli.Result sweep = alice.run("submit", "count", "--gpus", "1", "--sweep", "steps=1,2", "--sweep", "code=0,1",
          "--array", "%2");
      assertThat(sweep.out()).as(sweep.toString()).matches("Submitted array [0-9]+: 4 jobs, at most 2 running at once\n");
      assertThat(alice.run("array", sweep.out().split(" ")[2].replace(":", ""), "--cancel").code()).isZero();

      BerthCli.Result retried = alice.run("submit", "count", "--gpus", "0", "-p", "code=3", "--max-retries", "1");
      String r = submittedId(retried);
      JsonNode failed = Await.until("both attempts to fail", T, () -> berth.http.get("/api/v1/jobs/" + r).json(),
          j -> j.get("state").asText().equals("FAILED"));
      assertThat(failed.get("attempt").asInt()).isEqualTo(2);
      BerthCli.Result first = alice.run("logs", r, "--attempt", "1");
      assertThat(first.code()).as(first.toString()).isZero();
      assertThat(first.out()).isEqualTo("step 1\ndone\n");
      BerthCli.Result noSuch = alice.run("logs", r, "--attempt", "5");
      assertThat(noSuch.code()).isEqualTo(7);
      assertThat(noSuch.err()).contains("has had attempts 1 to 2, not 5").hasLineCount(1);
    } finally {
      cancelEverythingWaiting();
    }
  }

  @Test
  void badFlowOptionsAreOneLineWithTheirExitCodesAndQueueNothing() {
    BerthCli alice = signedIn("flow-bad", "alice");
    String ended = submittedId(alice.run("submit", "count", "--gpus", "1"));
    assertThat(alice.run("cancel", ended).code()).isZero();
    long before = berth.http.get("/api/v1/jobs?limit=1000").json().get("jobs").size();
    String[][] cases = {
        {"7", "array: ", "submit", "count", "--array", "0-x"},
        {"7", "maxRetries: must be a whole number from 0 to 10", "submit", "count", "--max-retries", "11"},
        {"7", "no job 999999", "submit", "count", "--after", "999999"},
        {"2", "--sweep 'steps' is not KEY=VALUE1,VALUE2", "submit", "count", "--sweep", "steps"},
        {"2", "--follow follows one job", "submit", "count", "--array", "0-1", "--follow"},
        {"8", "only a held job can be released", "release", ended},
        {"6", "no array 999999", "array", "999999"},
    };
    for (String[] c : cases) {
      BerthCli.Result res = alice.run(java.util.Arrays.copyOfRange(c, 2, c.length));
      assertThat(res.code()).as(res.toString()).isEqualTo(Integer.parseInt(c[0]));
      assertThat(res.err()).as(res.toString()).startsWith("berth: ").contains(c[1]).hasLineCount(1);
    }
    assertThat(berth.http.get("/api/v1/jobs?limit=1000").json().get("jobs").size()).isEqualTo(before);
  }

  /** FIFO: a job left queued ahead would hold back every later test's jobs. */
  private static void cancelEverythingWaiting() {
    for (JsonNode j : berth.http.get("/api/v1/jobs?state=QUEUED,HELD&limit=1000").json().get("jobs")) {
      berth.http.post("/api/v1/jobs/" + j.get("id").asText() + "/cancel", "application/json", "");
    }
  }

  private static String submittedId(BerthCli.Result r) {
    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Submitted job ");
    return r.out().substring("Submitted job ".length()).split("[ ,\n]")[0];
  }
}
