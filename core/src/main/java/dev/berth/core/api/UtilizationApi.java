package dev.berth.core.api;

import dev.berth.api.Job;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.idle.JobUtilization;
import dev.berth.core.jobs.JobAccess;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * {@code GET /api/v1/jobs/{id}/utilization}: the GPU utilisation and memory the idle guard measured
 * for a job, over time, with the guard's last decision. Its owner and admins only.
 */
final class UtilizationApi {
  private final JobAccess access;
  private final IdleGuard guard;

  UtilizationApi(JobAccess access, IdleGuard guard) {
    this.access = access;
    this.guard = guard;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/jobs/{id}/utilization", this::get, Role.USER);
  }

  private void get(Context ctx) {
    Job job = access.ownJob(Auth.principal(ctx), ctx.pathParam("id"));
    ctx.json(guard.utilization(job.id()).orElseGet(() -> guard.empty(job.id())));
  }
}
