package dev.berth.core.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.auth.AuthMode;
import dev.berth.core.auth.Principal;
import dev.berth.core.errors.ForbiddenException;
import dev.berth.core.errors.TooManyRequestsException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SettingsService;
import java.util.EnumSet;

/**
 * Who may do what with a job: a user submits as themselves (an admin may name anyone), cancels and
 * reads the logs of their own jobs (admins: all; others' logs when {@code
 * auth.usersReadOthersLogs}), and has at most {@code limits.maxQueuedJobsPerUser} jobs queued. An
 * admin's cancel of someone else's job is audited. The API and the pages both ask here.
 */
public final class JobAccess {
  private final JobService jobs;
  private final QueueStore store;
  private final SettingsService settings;
  private final AuditLog audit;
  private final AuthMode mode;
  private final boolean usersReadOthersLogs;

  public JobAccess(JobService jobs, QueueStore store, SettingsService settings, AuditLog audit, AuthMode mode,
      boolean usersReadOthersLogs) {
    this.jobs = jobs;
    this.store = store;
    this.settings = settings;
    this.audit = audit;
    this.mode = mode;
    this.usersReadOthersLogs = usersReadOthersLogs;
  }

  /**
   * Fills in the submitter when the body names nobody, and refuses a body naming someone else unless
   * the principal is an admin. In none mode the body's {@code user} stands, as before sign-in.
   */
  public JsonNode submission(Principal who, JsonNode body) {
    if (!(body instanceof ObjectNode object) || mode == AuthMode.NONE) {
      return body;
    }
    JsonNode user = object.get("user");
    if (user == null || user.isNull()) {
      object.put("user", who.username());
    } else if (user.isTextual() && !user.asText().isEmpty() && !who.mayActFor(user.asText())) {
      // An empty name is left to the submission's validation ("is required").
      throw new ForbiddenException("you may submit only as yourself ('" + who.username() + "'), not as '"
          + user.asText() + "'");
    }
    checkPriority(who, object);
    return object;
  }

  /**
   * Refuses a body naming someone else unless the principal is an admin, and fills in nothing: for
   * a form whose user field is shown filled in, where an emptied field must say it is required.
   */
  public JsonNode checkedSubmission(Principal who, JsonNode body) {
    if (mode != AuthMode.NONE && body != null && body.get("user") != null && body.get("user").isTextual()) {
      String user = body.get("user").asText();
      if (!user.isEmpty() && !who.mayActFor(user)) {
        throw new ForbiddenException("you may submit only as yourself ('" + who.username() + "'), not as '" + user + "'");
      }
    }
    if (mode != AuthMode.NONE && body != null) {
      checkPriority(who, body);
    }
    return body;
  }

  /**
   * A priority above 0 moves a job ahead of everyone else's under an order that honours priority,
   * so only an admin may give one; anyone may lower their own job's (priority ≤ 0). A value that
   * is not a number is left to the submission's validation, which refuses it.
   */
  private static void checkPriority(Principal who, JsonNode body) {
    JsonNode priority = body.get("priority");
    if (priority == null || who.admin()) {
      return;
    }
    if (priority.isNumber() && priority.asDouble() > 0) {
      throw new ForbiddenException("only an admin may set a priority above 0; you may lower your own job's (priority ≤ 0)");
    }
  }

  /** @throws TooManyRequestsException when the user already has the most queued jobs allowed */
  public void checkQueueLimit(String user) {
    checkQueueLimit(user, 1);
  }

  /** @throws TooManyRequestsException when {@code adding} more queued jobs would put the user over the limit */
  public void checkQueueLimit(String user, int adding) {
    long max = LimitSettings.maxQueuedJobsPerUser(settings.current(LimitSettings.SECTION));
    if (max <= 0 || user == null) {
      return;
    }
    int queued = store.list(new JobQuery(EnumSet.of(JobState.QUEUED), user, (int) Math.min(max + 1, 10_000), null, false))
        .jobs().size();
    if (queued + adding > max) {
      throw new TooManyRequestsException("user '" + user + "' already has " + queued + " queued jobs"
          + (adding > 1 ? " and asks for " + adding + " more" : "") + ", over the most allowed"
          + " (limits.maxQueuedJobsPerUser = " + max + "); wait until some start, or cancel some", 30);
    }
  }

  /** Cancels when the principal owns the job or is an admin; audits a cancel of someone else's job. */
  public JobView cancel(Principal who, String id) {
    Job job = jobs.get(id);
    if (!who.mayActFor(job.user())) {
      throw new ForbiddenException("job " + id + " belongs to '" + job.user() + "'; you may cancel only your own jobs");
    }
    JobView view = jobs.cancel(id, who.username());
    if (!who.username().equals(job.user())) {
      audit.record(who.username(), "job.cancel", id, "owner: " + job.user());
    }
    return view;
  }

  /**
   * Changes a job's time limit when the principal owns the job or is an admin. Every change is
   * audited, with the limit before and after.
   *
   * @throws ValidationException for a bad body or a limit over {@code limits.maxTimeLimitMinutes}
   */
  public JobView changeTimeLimit(Principal who, String id, JsonNode body) {
    Job job = jobs.get(id);
    if (!who.mayActFor(job.user())) {
      throw new ForbiddenException("job " + id + " belongs to '" + job.user() + "'; you may change only your own jobs");
    }
    JobPatch patch = JobPatch.parse(body, TimeLimits.from(settings.current(LimitSettings.SECTION)));
    JobService.LimitChange change = jobs.changeTimeLimit(id, patch.timeLimitSeconds());
    Integer from = change.before().timeLimitSeconds();
    audit.record(who.username(), "job.timeLimit", id,
        (from == null ? "none" : TimeLimitFormat.format(from)) + " → " + TimeLimitFormat.format(patch.timeLimitSeconds())
            + " (" + change.after().state() + (who.username().equals(job.user()) ? "" : ", owner: " + job.user()) + ")");
    return JobView.of(change.after());
  }

  /** @throws ForbiddenException when the principal may not read this job's log */
  public Job readableLog(Principal who, String id) {
    Job job = jobs.get(id);
    if (!mayReadLog(who, job)) {
      throw new ForbiddenException("job " + id + " belongs to '" + job.user() + "'; you may read only your own jobs' logs");
    }
    return job;
  }

  /**
   * The job, for its owner or an admin (what it measured of a user's work is theirs to see).
   *
   * @throws ForbiddenException for anyone else
   */
  public Job ownJob(Principal who, String id) {
    Job job = jobs.get(id);
    if (!who.mayActFor(job.user())) {
      throw new ForbiddenException("job " + id + " belongs to '" + job.user() + "'; only its owner or an admin may see this");
    }
    return job;
  }

  public boolean mayReadLog(Principal who, Job job) {
    return usersReadOthersLogs || who.mayActFor(job.user());
  }

  public boolean mayCancel(Principal who, Job job) {
    return who.mayActFor(job.user());
  }
}
