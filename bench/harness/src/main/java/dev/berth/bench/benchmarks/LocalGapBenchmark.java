package dev.berth.bench.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.bench.BenchContext;
import dev.berth.bench.Benchmark;
import dev.berth.bench.infra.ControlClient;
import dev.berth.bench.infra.Deadline;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.infra.SpawnFloor;
import dev.berth.bench.load.LatencyStats;
import dev.berth.bench.load.LongList;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 8, item 3, measured on real processes: N jobs of {@code sleep 1} one after another
 * ({@code maxRunningJobs: 1}) through the local executor. Each job prints the wall-clock time of
 * its first and of its last instruction; the idle gap is the next job's first minus the previous
 * job's last, and the makespan is compared with N seconds.
 */
public final class LocalGapBenchmark implements Benchmark {
  private static final String LABEL = "3 dispatch (local processes)";

  @Override
  public String id() {
    return "local-gap";
  }

  @Override
  public String label() {
    return LABEL;
  }

  @Override
  public void run(BenchContext ctx) throws Exception {
    int jobs = ctx.sizes().localGapJobs();
    ctx.results().note(LABEL, jobs + " × `sleep 1` via the local executor, SQLite store, nvidia-smi probe on a stand-in;"
        + " times from `date +%s%N` inside each job, so a gap includes starting sh and date.");
    double gapP99 = runJobs(ctx, jobs, false);
    floor(ctx, jobs, gapP99);
    // The same with the documented trade-off of SQLite's synchronous mode: two of a gap's steps are
    // durable commits, and this shows what their fsyncs cost on this machine.
    runJobs(ctx, jobs, true);
  }

  /** Runs {@code jobs} gap jobs on a fresh server; returns the gap p99 in ms. */
  private static double runJobs(BenchContext ctx, int jobs, boolean syncNormal) throws Exception {
    ServerDir dir = ServerDir.fresh(ctx.work(), syncNormal ? "local-gap-normal" : "local-gap");
    List<String> ids = new ArrayList<>();
    ServerConfig config = LocalJobs.config(dir.root());
    if (syncNormal) {
      config = config.set("store.sqlite.synchronous", "NORMAL");
    }
    try (ServerUnderTest server = ctx.start(dir, config)) {
      ControlClient c = server.control();
      String body = "{\"user\":\"bench\",\"template\":\"" + LocalJobs.GAP + "\",\"gpus\":0,\"parameters\":{\"seconds\":\"1\"}}";
      for (int i = 0; i < jobs; i++) {
        ids.add(c.submit(body));
      }
      Deadline.await(jobs + " jobs to finish", Duration.ofSeconds(120L + 3L * jobs), Duration.ofMillis(200),
          () -> c.queue().empty());
      return measure(ctx, c, ids, jobs, syncNormal);
    }
  }

  /**
   * Issue 18: the same machine's floor, {@code /bin/true} started from a JVM one at a time. A gap
   * holds at least one such start (the wrapper) plus the job's own processes.
   */
  private static void floor(BenchContext ctx, int jobs, double gapP99) throws Exception {
    SpawnFloor.Result floor = SpawnFloor.measure(ctx.work(), Math.max(100, 4 * jobs), 1);
    String subject = "bare /bin/true from Java (vfork), one at a time";
    ctx.results().figure(LABEL, subject, "start-to-exit p50", floor.latency().p50Ms(), "ms")
        .details(floor.latency().fields()).add();
    ctx.results().figure(LABEL, subject, "start-to-exit p99", floor.latency().p99Ms(), "ms").add();
    ctx.results().figure(LABEL, "local executor, sleep 1", "idle gap p99 ÷ spawn p99",
        gapP99 / floor.latency().p99Ms(), "×").target("≤ 2× (or gap p99 ≤ 20 ms)", v -> v <= 2 || gapP99 <= 20).add();
  }

  /** Records the gap's figures; returns its p99 in ms. */
  private static double measure(BenchContext ctx, ControlClient c, List<String> ids, int jobs, boolean syncNormal) {
    long[] starts = new long[jobs];
    long[] ends = new long[jobs];
    Instant[] submitted = new Instant[jobs];
    long[] scheduled = new long[jobs];
    long[] started = new long[jobs];
    for (int i = 0; i < jobs; i++) {
      JsonNode job = c.get("/api/v1/jobs/" + ids.get(i)).json();
      if (!job.get("state").asText().equals("COMPLETED")) {
        throw new IllegalStateException("job " + ids.get(i) + " ended " + job.get("state") + ": " + job.get("message"));
      }
      submitted[i] = Instant.parse(job.get("submittedAt").asText());
      scheduled[i] = nanos(job, "scheduledAt");
      started[i] = nanos(job, "startedAt");
      String log = c.get("/api/v1/jobs/" + ids.get(i) + "/logs?tail=10").body();
      starts[i] = stamp(log, "start ", ids.get(i));
      ends[i] = stamp(log, "end ", ids.get(i));
    }
    LongList gaps = new LongList();
    // The gap's parts, in order: Berth notices the exit, writes the end and claims the next job; the
    // executor starts its process; the process reaches its first line. (The exit-code file's time
    // is not used: file times come from the kernel's coarse clock, up to a tick early.)
    LongList claimed = new LongList();
    LongList launched = new LongList();
    LongList firstLine = new LongList();
    for (int i = 1; i < jobs; i++) {
      long queuedAt = submitted[i].getEpochSecond() * 1_000_000_000L + submitted[i].getNano();
      if (queuedAt < ends[i - 1]) {
        gaps.add(starts[i] - ends[i - 1]);
        claimed.add(scheduled[i] - ends[i - 1]);
        launched.add(started[i] - scheduled[i]);
        firstLine.add(starts[i] - started[i]);
      }
    }
    if (gaps.size() == 0) {
      throw new IllegalStateException("no job was queued before the previous one ended");
    }
    LatencyStats stats = LatencyStats.ofNanos(gaps.toArray());
    double makespan = (ends[jobs - 1] - starts[0]) / 1e9;
    String subject = "local executor, sleep 1" + (syncNormal ? ", synchronous: NORMAL" : "");
    ctx.results().figure(LABEL, subject, "idle gap p50", stats.p50Ms(), "ms").details(stats.fields()).add();
    var p99 = ctx.results().figure(LABEL, subject, "idle gap p99", stats.p99Ms(), "ms");
    if (!syncNormal) {
      p99.target("≤ 20 ms", v -> v <= 20);
    }
    p99.add();
    ctx.results().figure(LABEL, subject, "idle gap max", stats.maxMs(), "ms").add();
    part(ctx, subject, "gap part p50: last instruction → next job claimed", claimed);
    part(ctx, subject, "gap part p50: claimed → process launched", launched);
    part(ctx, subject, "gap part p50: launched → first instruction", firstLine);
    ctx.results().figure(LABEL, subject, "makespan of " + jobs + " jobs (ideal " + jobs + " s)", makespan, "s").add();
    return stats.p99Ms();
  }

  private static void part(BenchContext ctx, String subject, String figure, LongList nanos) {
    LatencyStats stats = LatencyStats.ofNanos(nanos.toArray());
    ctx.results().figure(LABEL, subject, figure, stats.p50Ms(), "ms").details(stats.fields()).add();
  }

  private static long nanos(JsonNode job, String field) {
    Instant at = Instant.parse(job.get(field).asText());
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  private static long stamp(String log, String prefix, String id) {
    return log.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .map(l -> Long.parseLong(l.substring(prefix.length()).trim()))
        .orElseThrow(() -> new IllegalStateException("job " + id + " printed no '" + prefix.trim() + "' line: " + log));
  }
}
