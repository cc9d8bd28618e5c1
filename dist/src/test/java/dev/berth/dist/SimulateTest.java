package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code berth simulate} and {@code berth export} as an admin runs them: the installed launcher as
 * a child process with the bundled plugins, and a server whose history is exported and replayed.
 * Bad input is one line and a non-zero exit, never a stack trace.
 */
class SimulateTest {
  private static final String TRACE = """
      job_id,num_gpu,submit_time,iterations,model_name,duration,interval
      0,1,0,100,resnet50,120,10
      1,2,30,100,vgg16,60,10
      2,4,45,50,bert,300,10
      3,1,90,10,resnet50,30,10
      """;
  @TempDir Path tmp;

  @Test
  void comparesConfigurationsSideBySideAndWritesJson() throws Exception {
    Path trace = write("trace.csv", TRACE);
    Path fifo = write("fifo.yaml", "scheduler: {maxRunningJobs: 10}\n");
    Path fair = write("fair.yaml", """
        extensions: {order: multifactor}
        scheduler: {maxRunningJobs: 10, backfill: easy}
        """);
    Path json = tmp.resolve("out.json");
    Path out = tmp.resolve("out");

    int code = BerthProcess.run(out, "simulate", "--trace", trace.toString(), "--cluster", "1x4", "--compare",
        fifo.toString(), fair.toString(), "--time-limit-factor", "1", "--json", json.toString());

    String text = Files.readString(out);
    assertThat(code).as(text).isZero();
    assertThat(text).contains("Trace trace.csv (tiresias, 4 jobs) on 1 node, 4 GPUs").contains("fifo").contains("fair")
        .contains("JCT p99").contains("Jain's fairness").contains("start estimate error");
    JsonNode runs = new ObjectMapper().readTree(json.toFile()).get("runs");
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("config").asText()).isEqualTo("fifo");
    assertThat(runs.get(0).get("finished").asInt()).isEqualTo(4);
    // Strict FIFO on 4 GPUs: 0 runs 0-120, 1 (2 GPUs) 30-90, 2 (4 GPUs) 120-420, and 3, which would
    // fit at 90, waits behind 2 until 420: 330 s.
    assertThat(runs.get(0).get("maxWait").asDouble()).isEqualTo(330.0);
  }

  @Test
  void badInputIsOneLineAndANonZeroExit() throws Exception {
    Path trace = write("trace.csv", TRACE);
    Path malformed = write("bad.csv", TRACE.replace("2,4,45", "2,four,45"));
    assertFails(2, "unknown trace format 'slurm'; formats: tiresias, openb, berth",
        "--trace", trace.toString(), "--format", "slurm", "--cluster", "1x4");
    assertFails(2, "bad.csv:4: num_gpu is 'four', not a number", "--trace", malformed.toString(), "--cluster", "1x4");
    assertFails(2, "cluster '0x4' is impossible", "--trace", trace.toString(), "--cluster", "0x4");
    assertFails(2, "cluster 'abc' is neither NODESxGPUS", "--trace", trace.toString(), "--cluster", "abc");
    assertFails(2, "scheduler.backfill", "--trace", trace.toString(), "--cluster", "1x4", "--config",
        write("wrong.yaml", "scheduler: {backfill: sometimes}\n").toString());
    assertFails(2, "no plugin 'nosuch' provides QueueOrder", "--trace", trace.toString(), "--cluster", "1x4",
        "--config", write("order.yaml", "extensions: {order: nosuch}\n").toString());
    String tooBig = assertFails(3, "1 jobs ask for more GPUs than the largest node has (2): unschedulable",
        "--trace", trace.toString(), "--cluster", "2x2");
    assertThat(tooBig).as("the table is printed all the same").contains("4 (1 unschedulable)");
  }

  @Test
  void exportsTheHistoryThatSimulateReads() throws Exception {
    Path config = write("berth.yaml", "extensions: {policies: []}\n"); // a busy test machine must not hold the job
    int port = BerthProcess.freePort();
    try (BerthProcess berth = BerthProcess.serve(config, tmp.resolve("data"), port, tmp.resolve("berth.log"))) {
      Http admin = berth.http;
      String id = admin.submit(
          "{\"user\":\"admin\",\"template\":\"demo\",\"parameters\":{\"seconds\":\"1\"},\"gpus\":0,\"timeLimit\":\"1m\"}");
      Await.until("job " + id + " to end", Duration.ofSeconds(60), () -> admin.job(id),
          j -> j.get("state").asText().equals("TIMED_OUT") || j.get("state").asText().equals("COMPLETED"));

      Http.Response export = admin.get("/api/v1/jobs/export?since=1d");
      assertThat(export.status()).isEqualTo(200);
      assertThat(export.contentType()).startsWith("application/x-ndjson");
      JsonNode line = new ObjectMapper().readTree(export.body().lines().findFirst().orElseThrow());
      assertThat(line.get("id").asText()).isEqualTo(id);
      assertThat(line.get("user").asText()).isEqualTo("admin");
      assertThat(line.get("timeLimitSeconds").asInt()).isEqualTo(60);
      assertThat(line.has("submittedAt") && line.has("startedAt") && line.has("finishedAt")).isTrue();

      Http.Response bad = admin.get("/api/v1/jobs/export?since=lately");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.contentType()).startsWith("application/problem+json");
      assertThat(bad.body()).contains("since");
      assertThat(admin.postJson("/api/v1/users", "{\"username\":\"alice\",\"password\":\"alice-secret-pw\"}").status())
          .isEqualTo(201);
      assertThat(admin.as("alice", "alice-secret-pw").get("/api/v1/jobs/export").status()).isEqualTo(403);

      BerthCli cli = new BerthCli(tmp.resolve("cli"), "http://127.0.0.1:" + port);
      BerthCli.Result login = cli.runWithInput("admin\n" + Http.ADMIN_PASSWORD + "\n", "login");
      assertThat(login.code()).as(login.toString()).isZero();
      BerthCli.Result exported = cli.run("export", "--since", "1d");
      assertThat(exported.code()).as(exported.toString()).isZero();
      assertThat(exported.out()).isEqualTo(export.body());

      Path history = write("history.jsonl", exported.out());
      Path out = tmp.resolve("sim.out");
      int code = BerthProcess.run(out, "simulate", "--trace", history.toString(), "--format", "berth", "--cluster",
          "1x1");
      assertThat(code).as(Files.readString(out)).isZero();
      assertThat(Files.readString(out)).contains("1 jobs without a GPU left out");
    }
  }

  private String assertFails(int code, String message, String... args) throws Exception {
    Path out = Files.createTempFile(tmp, "sim", ".out");
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    int exit = BerthProcess.run(out, all);
    String text = Files.readString(out);
    assertThat(exit).as(text).isEqualTo(code);
    assertThat(text).contains("berth simulate: ").contains(message).doesNotContain("\tat ").doesNotContain("Exception");
    return text;
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text);
  }
}
