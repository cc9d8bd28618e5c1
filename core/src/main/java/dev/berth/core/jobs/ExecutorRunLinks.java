package dev.berth.core.jobs;

import dev.berth.api.Job;
import dev.berth.api.JobExecutor;
import dev.berth.api.RunLinks;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the active executor for a job's run link when it offers them ({@link RunLinks}), so any
 * executor, bundled or not, gets the job page's link without the core knowing its name.
 */
final class ExecutorRunLinks {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorRunLinks.class);

  private final JobExecutor executor;

  ExecutorRunLinks(JobExecutor executor) {
    this.executor = executor;
  }

  /** Empty when the executor offers no links, has none for this job, or fails to answer. */
  Optional<RunLink> of(Job job) {
    if (!(executor instanceof RunLinks links)) {
      return Optional.empty();
    }
    try {
      // A link is a convenience: an executor that throws must not take the job page down.
      return links.runLink(job).map(url -> new RunLink(url, links.runLinkLabel()));
    } catch (RuntimeException e) {
      LOG.warn("the executor could not link job {}: {}", job.id(), e.toString());
      return Optional.empty();
    }
  }
}
