package dev.berth.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.api.Dependency;
import dev.berth.api.Job;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.auth.Principal;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.jobs.JobService;
import dev.berth.core.jobs.JobView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may hold, release, resubmit and cancel arrays (the owner or an admin), and what may be waited
 * for; every action is audited.
 *
 * <p>A dependency may name any job its submitter can see. Every signed-in user sees every job in
 * Berth's queue and history (the queue is shared), so any existing job may be waited for; a job
 * that has already ended in a way the dependency can never accept is refused at once rather than
 * queued to be cancelled.
 */
public final class FlowAccess {
  private final JobFlowService flows;
  private final JobService jobs;
  private final AuditLog audit;

  public FlowAccess(JobFlowService flows, JobService jobs, AuditLog audit) {
    this.flows = flows;
    this.jobs = jobs;
    this.audit = audit;
  }

  /** @throws ValidationException naming each dependency that is missing or can never be met */
  public void checkDependencies(List<Dependency> dependsOn) {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < dependsOn.size(); i++) {
      Dependency d = dependsOn.get(i);
      String field = "dependsOn[" + i + "].job";
      Optional<Job> target = flows.find(d.job());
      if (target.isEmpty()) {
        errors.add(new FieldError(field, "no job " + d.job()));
      } else if (target.get().state().isTerminal() && !d.when().satisfiedBy(target.get().state())) {
        errors.add(new FieldError(field, "job " + d.job() + " already ended " + target.get().state()
            + ", so waiting for it to have " + d.when().wireName() + " can never end"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  public JobView hold(Principal who, String id) {
    owned(who, id, "hold");
    JobView held = flows.hold(id, who.username());
    audit.record(who.username(), "job.hold", id, ownerNote(who, held.job()));
    return held;
  }

  public JobView release(Principal who, String id) {
    owned(who, id, "release");
    JobView released = flows.release(id, who.username());
    audit.record(who.username(), "job.release", id, ownerNote(who, released.job()));
    return released;
  }

  /** The body to submit for a resubmission of job {@code id}, which the caller submits as any other. */
  public JsonNode resubmission(Principal who, String id, JsonNode overrides) {
    owned(who, id, "resubmit");
    return flows.resubmission(id, overrides);
  }

  /** Audits a resubmission once the new job is queued. */
  public void resubmitted(Principal who, String id, Job queued) {
    audit.record(who.username(), "job.resubmit", id, "as job " + queued.id() + ownerNote(who, queued));
  }

  public ArrayView cancelArray(Principal who, String arrayId) {
    List<Job> jobsOfArray = flows.arrayJobs(arrayId);
    Job first = jobsOfArray.get(0);
    if (!who.mayActFor(first.user())) {
      throw new ForbiddenException("array " + arrayId + " belongs to '" + first.user()
          + "'; you may cancel only your own arrays");
    }
    ArrayView after = flows.cancelArray(arrayId, who.username());
    audit.record(who.username(), "array.cancel", arrayId, jobsOfArray.size() + " jobs" + ownerNote(who, first));
    return after;
  }

  private Job owned(Principal who, String id, String action) {
    Job job = jobs.get(id);
    if (!who.mayActFor(job.user())) {
      throw new ForbiddenException("job " + id + " belongs to '" + job.user() + "'; you may " + action
          + " only your own jobs");
    }
    return job;
  }

  private static String ownerNote(Principal who, Job job) {
    return who.username().equals(job.user()) ? "" : " (owner: " + job.user() + ")";
  }
}
