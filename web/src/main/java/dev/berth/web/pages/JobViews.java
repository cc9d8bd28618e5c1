package dev.berth.web.pages;

import dev.berth.api.Job;
import dev.berth.api.JobEvent;
import dev.berth.core.jobs.JobView;
import dev.berth.core.server.BerthServices;
import dev.berth.web.WebConfig;
import dev.berth.web.support.Times;
import dev.berth.web.view.JobPage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the job page's model: fields, timeline, log tail, and the Argo link. */
final class JobViews {
  private static final Logger LOG = LoggerFactory.getLogger(JobViews.class);
  static final int LOG_LINES = 200;

  private final BerthServices services;
  private final WebConfig web;

  JobViews(BerthServices services, WebConfig web) {
    this.services = services;
    this.web = web;
  }

  JobPage.Details details(String id) {
    JobView view = services.jobs().view(id);
    Job j = view.job();
    List<JobPage.Event> events = services.jobs().events(id).stream().map(JobViews::event).toList();
    List<JobPage.Field> parameters = new TreeMap<>(j.parameters()).entrySet().stream()
        .map(e -> new JobPage.Field(e.getKey(), e.getValue())).toList();
    Instant end = j.finishedAt() != null ? j.finishedAt() : services.clock().instant();
    String placement = j.placement() == null ? ""
        : j.placement().node() + (j.placement().gpus().isEmpty() ? " (CPU only)"
            : ", GPU " + j.placement().gpus().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    return new JobPage.Details(j.id(), j.name(), j.user(), j.template(), parameters, j.gpus(), j.priority(),
        j.state().name(), Times.stamp(j.submittedAt()), Times.stamp(j.scheduledAt()), Times.stamp(j.startedAt()),
        Times.stamp(j.finishedAt()), j.startedAt() == null ? "" : Times.duration(j.startedAt(), end), placement,
        j.exitCode() == null ? "" : j.exitCode().toString(), j.message() == null ? "" : j.message(),
        j.executorRef() == null ? "" : j.executorRef(), view.position(),
        view.waitingReasons() == null ? List.of() : view.waitingReasons(), events, !j.state().isTerminal(),
        argoUrl(j));
  }

  /** In place of the log, for a user who may not read it. */
  JobPage.Log hiddenLog(String id) {
    return new JobPage.Log(id, "(only the job's owner and administrators may read this log)", false, LOG_LINES);
  }

  JobPage.Log log(String id) {
    Job j = services.jobs().get(id);
    String text;
    try {
      text = services.jobs().tailLog(id, LOG_LINES);
    } catch (RuntimeException e) {
      LOG.warn("Log of job {} unreadable: {}", id, e.toString());
      text = "(the log cannot be read right now: " + e.getMessage() + ")";
    }
    return new JobPage.Log(j.id(), text, !j.state().isTerminal(), LOG_LINES);
  }

  private static JobPage.Event event(JobEvent e) {
    return new JobPage.Event(e.sequence(), Times.stamp(e.at()), Times.iso(e.at()),
        e.from() == null ? "" : e.from().name(), e.to().name(), e.actor() == null ? "" : e.actor(),
        e.message() == null ? "" : e.message());
  }

  /** The workflow in the Argo UI, when the executor is Argo and the UI's address is configured. */
  private String argoUrl(Job j) {
    if (!"argo".equals(services.config().extensions().executor())) {
      return null;
    }
    return argoLink(web.argoUiUrl(), web.argoNamespace(), j.executorRef());
  }

  /**
   * {@code <ui>/workflows/<namespace>/<name>}; a reference of the form {@code namespace/name}
   * names its own namespace. Null when the UI or the reference is unknown.
   */
  static String argoLink(String uiBase, String namespace, String executorRef) {
    if (uiBase == null || uiBase.isEmpty() || executorRef == null || executorRef.isBlank()) {
      return null;
    }
    String ref = executorRef;
    String ns = namespace;
    int slash = ref.indexOf('/');
    if (slash > 0) {
      ns = ref.substring(0, slash);
      ref = ref.substring(slash + 1);
    }
    return uiBase + "/workflows/" + encode(ns) + "/" + encode(ref);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
