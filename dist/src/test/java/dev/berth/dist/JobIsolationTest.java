package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job of the assembled server can reach: none of Berth's secrets from its environment, no
 * code from its values, and with {@code executor.local.runAs} none of Berth's files.
 */
class JobIsolationTest {
  private static final Duration T = Duration.ofSeconds(60);
  private static final String JOB_USER = "berth-test-job";
  @TempDir Path tmp;

  private BerthProcess serve(String extraConfig) throws Exception {
    Path config = tmp.resolve("berth.yaml");
    Files.writeString(config, InProcessBerth.config(tmp.resolve("none/nvidia-smi")) + extraConfig);
    return BerthProcess.serve(config, tmp.resolve("data"), BerthProcess.freePort(), tmp.resolve("berth.log"), true,
        Map.of("BERTH_SECRET_TEST", "do-not-leak", "REDIS_PASSWORD", "do-not-leak-either"));
  }

  private static JsonNode awaitEnd(Http http, String id) {
    return Await.until("job " + id + " to end", T, () -> http.job(id),
        j -> List.of("COMPLETED", "FAILED", "CANCELLED").contains(j.get("state").asText()));
  }

  @Test
  void aJobOfTheDefaultConfigSeesNoneOfBerthsVariablesButThoseItWasGiven() throws Exception {
    try (BerthProcess berth = serve("""
        executor:
          local:
            environment:
              JOB_GREETING: hello
            templates:
              printenv:
                command: ["env"]
        """)) {
      String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"printenv\",\"gpus\":0}");
      assertThat(awaitEnd(berth.http, id).get("state").asText()).isEqualTo("COMPLETED");

      List<String> lines = berth.http.get("/api/v1/jobs/" + id + "/logs").body().lines().toList();
      assertThat(lines).contains("JOB_GREETING=hello", "BERTH_JOB_ID=" + id, "BERTH_USER=alice");
      assertThat(lines).filteredOn(line -> line.startsWith("BERTH_"))
          .allMatch(line -> line.startsWith("BERTH_JOB_ID=") || line.startsWith("BERTH_USER=")
              || line.startsWith("BERTH_ATTEMPT=") || line.startsWith("BERTH_ARRAY_")
              || line.startsWith("BERTH_PARAM_"), "only the job's own BERTH_ variables");
      assertThat(String.join("\n", lines)).doesNotContain("do-not-leak", "BERTH_ADMIN_PASSWORD", Http.ADMIN_PASSWORD);
    }
  }

  @Test
  void aDemoValueIsNeverRunAsCodeAndBerthsFilesAreOwnerOnly() throws Exception {
    try (BerthProcess berth = serve("")) {
      String id = berth.http.submit(
          "{\"user\":\"alice\",\"template\":\"demo\",\"gpus\":0,\"parameters\":{\"seconds\":\"1$(id)\"}}");
      awaitEnd(berth.http, id);
      assertThat(berth.http.get("/api/v1/jobs/" + id + "/logs").body()).doesNotContain("uid=");

      Path data = tmp.resolve("data");
      assertThat(mode(data)).isEqualTo("rwx------");
      assertThat(mode(data.resolve("sqlite/berth.db"))).isEqualTo("rw-------");
      assertThat(mode(data.resolve("local/jobs/" + id + "/output.log"))).isEqualTo("rw-------");
    }
  }

  @Test
  void withRunAsAJobCannotReadTheDatabase() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")),
        "runAs needs Berth to run as root, to switch users; these tests run as " + System.getProperty("user.name"));
    assumeTrue(run("getent", "passwd", JOB_USER) == 0 || (Files.isExecutable(Path.of("/usr/sbin/useradd"))
            && run("/usr/sbin/useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/usr/sbin/nologin", JOB_USER) == 0),
        "runAs needs a second OS user, and useradd (package passwd) to make " + JOB_USER + " is missing or failed");
    Path work = tmp.resolve("work");
    // @TempDir is 0700; the job user must be able to enter the work root.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = tmp.resolve("data/sqlite/berth.db");
    try (BerthProcess berth = serve("""
        executor:
          local:
            runAs: %s
            workRoot: "%s"
            templates:
              read:
                command: ["cat", "${file}"]
                parameters:
                  file: { required: true }
        """.formatted(JOB_USER, work))) {
      String id = berth.http.submit("{\"user\":\"alice\",\"template\":\"read\",\"gpus\":0,\"parameters\":{\"file\":\"" + db + "\"}}");
      assertThat(awaitEnd(berth.http, id).get("state").asText()).isEqualTo("FAILED");
      assertThat(berth.http.get("/api/v1/jobs/" + id + "/logs").body())
          .contains("Permission denied").doesNotContain("SQLite format");
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
