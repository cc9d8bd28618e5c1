package dev.berth.web.pages;

import java.time.Clock;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.jobs.JobService;
import dev.berth.api.Job;
import dev.berth.api.JobQuery;
import dev.berth.api.JobState;
import dev.berth.api.ResourceSnapshot;
import dev.berth.core.flow.ArrayView;
import dev.berth.core.flow.JobFlowService;
import dev.berth.core.jobs.JobView;
import dev.berth.core.jobs.QueueView;
import dev.berth.web.support.Times;
import dev.berth.web.view.Pager;
import dev.berth.web.view.QueuePage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Collectors;

/** Builds the queue page's model from the job service, one page of queued jobs at a time. */
final class QueueViews {
  /** How many queued jobs the core ranks at once (JobService.queue), so how far the pages reach. */
  static final int RANKED_WINDOW = 1000;
  private static final int FINISHED_SHOWN = 10;
  private static final int HELD_SHOWN = 50;

  private final JobService jobs;
  private final ResourceService resources;
  private final Clock clock;
  private final int pageSize;

  private final JobFlowService flows;

  QueueViews(JobService jobs, JobFlowService flows, ResourceService resources, Clock clock, int pageSize) {
    this.jobs = jobs;
    this.flows = flows;
    this.resources = resources;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  QueuePage.Body body(int requestedPage) {
    Instant now = clock.instant();
    int page = Math.max(1, requestedPage);
    int limit = (int) Math.min(RANKED_WINDOW, (long) page * pageSize);
    QueueView queue = jobs.queue(limit);
    long reachable = Math.min(queue.queuedTotal(), RANKED_WINDOW);
    int pages = (int) Math.max(1, (reachable + pageSize - 1) / pageSize);
    page = Math.min(page, pages);
    int from = Math.min((page - 1) * pageSize, queue.queued().size());
    int to = Math.min(from + pageSize, queue.queued().size());

    List<QueuePage.Queued> queued = new ArrayList<>();
    Map<String, Integer> arrayRows = new HashMap<>();
    Map<String, List<QueuePage.Member>> members = new HashMap<>();
    for (JobView v : queue.queued().subList(from, to)) {
      Job j = v.job();
      String arrayId = j.flow().arrayId();
      if (arrayId != null) {
        members.computeIfAbsent(arrayId, a -> new ArrayList<>()).add(new QueuePage.Member(j.id(), v.position(),
            String.valueOf(j.flow().arrayIndex()), PlanViews.reasons(v)));
        if (arrayRows.containsKey(arrayId)) {
          continue;
        }
        arrayRows.put(arrayId, queued.size());
      }
      queued.add(new QueuePage.Queued(j.id(), v.position(), j.name(), j.user(), j.gpus(), j.priority(),
          Times.duration(j.submittedAt(), now), Times.stamp(j.submittedAt()),
          PlanViews.reasons(v), v.position() != null && v.position() == 1, PlanViews.estimate(v, now),
          PlanViews.estimateStamp(v), PlanViews.scoreTotal(v.score()), PlanViews.scoreBreakdown(v.score()), null));
    }
    // One store read per array on the page, for its counts over all its jobs, not just the queued ones shown.
    arrayRows.forEach((arrayId, row) -> queued.set(row, queued.get(row).asArray(group(arrayId, members.get(arrayId)))));
    List<QueuePage.Running> running = new ArrayList<>();
    for (JobView v : queue.running()) {
      Job j = v.job();
      Instant since = j.startedAt() != null ? j.startedAt() : j.scheduledAt();
      running.add(new QueuePage.Running(j.id(), j.name(), j.user(), j.gpus(),
          j.placement() == null ? "" : j.placement().node(),
          j.placement() == null ? "" : j.placement().gpus().stream().map(String::valueOf).collect(Collectors.joining(", ")),
          j.state().name(), Times.duration(since, now)));
    }
    Pager pager = new Pager(page, pages, to == from ? 0 : from + 1, to, queue.queuedTotal(), reachable);
    ResourceSnapshot snapshot = resources.latest();
    boolean scored = queued.stream().anyMatch(q -> !q.score().isEmpty());
    return new QueuePage.Body(running, queued, queue.queuedTotal(), pager, finished(),
        snapshot == null ? "not yet" : Times.stamp(snapshot.takenAt()), scored, held(now));
  }

  private QueuePage.ArrayGroup group(String arrayId, List<QueuePage.Member> members) {
    ArrayView array = flows.array(arrayId);
    String summary = array.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name())
        .collect(Collectors.joining(" · "));
    return new QueuePage.ArrayGroup(arrayId, summary, ArrayPages.cap(array.maxRunning()), members);
  }

  /** HELD jobs, oldest first: not in line, but keeping their place for when they are released. */
  private List<QueuePage.Held> held(Instant now) {
    return jobs.list(new JobQuery(EnumSet.of(JobState.HELD), null, HELD_SHOWN, null, true)).jobs().stream()
        .map(j -> new QueuePage.Held(j.id(), j.name(), j.user(), j.gpus(), Times.duration(j.submittedAt(), now),
            Times.stamp(j.submittedAt())))
        .toList();
  }

  /** The latest ends; the store lists by id, so a few more are read and sorted by end time. */
  private List<QueuePage.Finished> finished() {
    List<Job> ended = jobs
        .list(new JobQuery(JobState.TERMINAL, null, FINISHED_SHOWN * 3, null, false)).jobs();
    return ended.stream()
        .sorted(Comparator.comparing((Job j) -> j.finishedAt() == null ? j.submittedAt() : j.finishedAt()).reversed())
        .limit(FINISHED_SHOWN)
        .map(j -> new QueuePage.Finished(j.id(), j.name(), j.user(), j.state().name(), outcome(j),
            Times.stamp(j.finishedAt()), Times.duration(j.startedAt(), j.finishedAt())))
        .toList();
  }

  static String outcome(Job j) {
    List<String> parts = new ArrayList<>();
    if (j.exitCode() != null && (j.state() != JobState.COMPLETED || j.exitCode() != 0)) {
      parts.add("exit " + j.exitCode());
    }
    if (j.message() != null && !j.message().isBlank()) {
      parts.add(j.message());
    }
    return String.join(" · ", parts);
  }
}
