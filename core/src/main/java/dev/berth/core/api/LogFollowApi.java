package dev.berth.core.api;

import dev.berth.api.Job;
import dev.berth.api.LogChunk;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/jobs/{id}/logs/chunk?offset=N&wait=S}: the log from a byte offset, held open
 * (long poll) up to {@code wait} seconds until there is new output or the job has ended, so a
 * follower (the CLI's {@code logs -f}) makes one request per burst of output instead of polling.
 * {@code finished} is true only when the job has ended and nothing is left after {@code
 * nextOffset}: a job that has not started yet has no log but is not finished. An ended job is
 * answered at once, so a follower never waits on a job that cannot write any more.
 */
final class LogFollowApi {
  /** How often a held request looks at the log again; the file read is cheap and local. */
  private static final Duration RECHECK = Duration.ofMillis(200);
  private static final int MAX_WAIT_SECONDS = 30;
  private static final int MAX_BYTES = 1 << 20;

  private final JobService jobs;
  private final JobAccess access;
  private final Clock clock;

  LogFollowApi(JobService jobs, JobAccess access, Clock clock) {
    this.jobs = jobs;
    this.access = access;
    this.clock = clock;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/jobs/{id}/logs/chunk", this::chunk, Role.USER);
  }

  private void chunk(Context ctx) throws InterruptedException {
    String id = ctx.pathParam("id");
    long offset = JobsApi.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int wait = JobsApi.intParam(ctx, "wait", 0, 0, MAX_WAIT_SECONDS);
    int maxBytes = JobsApi.intParam(ctx, "maxBytes", 64 * 1024, 1, MAX_BYTES);
    access.readableLog(Auth.principal(ctx), id);
    Instant deadline = clock.instant().plusSeconds(wait);
    while (true) {
      // The state is read before the log, so an ended job's last output is in this read.
      Job job = jobs.get(id);
      LogChunk chunk = jobs.readLog(id, offset, maxBytes);
      boolean ended = job.state().isTerminal();
      if (!chunk.text().isEmpty() || ended || !clock.instant().isBefore(deadline)) {
        ctx.json(answer(job, chunk, ended && chunk.text().isEmpty()));
        return;
      }
      Thread.sleep(RECHECK.toMillis());
    }
  }

  private static Map<String, Object> answer(Job job, LogChunk chunk, boolean finished) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("text", chunk.text());
    out.put("nextOffset", chunk.nextOffset());
    out.put("finished", finished);
    out.put("state", job.state());
    out.put("exitCode", job.exitCode());
    return out;
  }
}
