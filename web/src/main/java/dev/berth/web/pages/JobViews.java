package dev.berth.web.pages;

import java.time.Clock;
import dev.berth.core.jobs.JobService;
import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.api.JobFlow;
import dev.berth.api.JobState;
import dev.berth.core.auth.Principal;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.jobs.JobView;
import dev.berth.core.jobs.RunLink;
import dev.berth.core.jobs.TimeLimitFormat;
import dev.berth.web.support.Times;
import dev.berth.web.view.JobPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job page's model: fields, timeline, log tail, and the link to the run in the executor's UI. */
final class JobViews {
  private static final Logger LOG = LoggerFactory.getLogger(JobViews.class);
  static final int LOG_LINES = 200;

  private final JobService jobs;
  private final Clock clock;

  private final JobFlowService flows;

  JobViews(JobService jobs, JobFlowService flows, Clock clock) {
    this.flows = flows;
    this.jobs = jobs;
    this.clock = clock;
  }

  JobPage.Details details(String id, Principal viewer, String csrf) {
    JobView view = jobs.view(id);
    Job j = view.job();
    List<JobPage.Event> events = jobs.events(id).stream().map(JobViews::event).toList();
    List<JobPage.Field> parameters = new TreeMap<>(j.parameters()).entrySet().stream()
        .map(e -> new JobPage.Field(e.getKey(), e.getValue())).toList();
    Optional<RunLink> link = jobs.runLink(j);
    Instant end = j.finishedAt() != null ? j.finishedAt() : clock.instant();
    String placement = j.placement() == null ? ""
        : j.placement().node() + (j.placement().gpus().isEmpty() ? " (CPU only)"
            : ", GPU " + j.placement().gpus().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    return new JobPage.Details(j.id(), j.name(), j.user(), j.template(), parameters, j.gpus(), j.priority(),
        j.state().name(), Times.stamp(j.submittedAt()), Times.stamp(j.scheduledAt()), Times.stamp(j.startedAt()),
        Times.stamp(j.finishedAt()), j.startedAt() == null ? "" : Times.duration(j.startedAt(), end), placement,
        j.exitCode() == null ? "" : j.exitCode().toString(), j.message() == null ? "" : j.message(),
        j.executorRef() == null ? "" : j.executorRef(), view.position(),
        PlanViews.reasons(view), PlanViews.estimate(view, clock.instant()), PlanViews.estimateStamp(view),
        PlanViews.scoreTotal(view.score()), PlanViews.scoreRows(view.score()), events, !j.state().isTerminal(),
        link.map(l -> l.url().toString()).orElse(null), link.map(RunLink::label).orElse(null),
        j.timeLimitSeconds() == null ? "none" : TimeLimitFormat.format(j.timeLimitSeconds()), flow(j, viewer, csrf));
  }

  private JobPage.Flow flow(Job j, Principal viewer, String csrf) {
    JobFlow f = j.flow();
    List<JobPage.Dependency> deps = f.dependsOn().stream()
        .map(d -> new JobPage.Dependency(d.job(), d.when().wireName(),
            flows.find(d.job()).map(t -> t.state().name()).orElse("gone")))
        .toList();
    String attempt = f.maxRetries() > 0 || f.attempt() > 1
        ? f.attempt() + " of " + Math.max(f.attempt(), f.maxRetries() + 1) : "";
    boolean mine = viewer != null && viewer.mayActFor(j.user());
    return new JobPage.Flow(deps, f.arrayId() == null ? "" : f.arrayId(),
        f.arrayIndex() == null ? "" : f.arrayIndex().toString(), attempt,
        mine && j.state() == JobState.QUEUED, mine && j.state() == JobState.HELD, mine, csrf == null ? "" : csrf);
  }

  /** In place of the log, for a user who may not read it. */
  JobPage.Log hiddenLog(String id) {
    return new JobPage.Log(id, "(only the job's owner and administrators may read this log)", false, LOG_LINES);
  }

  JobPage.Log log(String id) {
    return log(id, null);
  }

  /** One attempt's log tail; the latest attempt's, which follows while the job runs, when {@code attempt} is null. */
  JobPage.Log log(String id, Integer attempt) {
    Job j = jobs.get(id);
    int shown = attempt == null ? j.attempt() : attempt;
    if (shown < 1 || shown > j.attempt()) {
      throw dev.berth.core.errors.ValidationException.of("attempt", "job " + id + " has had attempts 1 to "
          + j.attempt() + ", not " + shown);
    }
    String text;
    try {
      text = shown == j.attempt() ? jobs.tailLog(id, LOG_LINES) : jobs.tailLog(id, LOG_LINES, shown);
    } catch (RuntimeException e) {
      LOG.warn("Log of job {} unreadable: {}", id, e.toString());
      text = "(the log cannot be read right now: " + e.getMessage() + ")";
    }
    return new JobPage.Log(j.id(), text, shown == j.attempt() && !j.state().isTerminal(), LOG_LINES, shown,
        j.attempt());
  }

  private static JobPage.Event event(JobEvent e) {
    return new JobPage.Event(e.sequence(), Times.stamp(e.at()), Times.iso(e.at()),
        e.from() == null ? "" : e.from().name(), e.to().name(), e.actor() == null ? "" : e.actor(),
        e.message() == null ? "" : e.message());
  }
}
