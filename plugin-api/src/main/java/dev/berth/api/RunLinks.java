package dev.berth.api;

import java.net.URI;
import java.util.Optional;

/**
 * Implemented by a {@link JobExecutor} whose runs have a page in a UI of their own (an Argo
 * Workflows UI, a cluster dashboard): the job page then links to the job's run there. An executor
 * that does not implement it gets no link; nothing else changes.
 *
 * <p><b>Combination:</b> exactly one executor is active; the UI asks it when it implements this
 * interface. Executors that are installed but not active are never asked.
 *
 * <p><b>Threads:</b> called on HTTP request threads, concurrently, each time a job page is shown.
 *
 * <p><b>Speed:</b> answer from memory in microseconds: no I/O, no call to a cluster. The link may
 * name a run that no longer exists; the other UI says so.
 */
public interface RunLinks {

  /**
   * The address of {@code job}'s run in the executor's UI, or empty when there is none: the job was
   * never submitted ({@link Job#executorRef()} is null), or the executor's UI is not configured.
   */
  Optional<URI> runLink(Job job);

  /** The link's text on the job page, such as {@code Open the workflow in Argo}. */
  default String runLinkLabel() {
    return "Open the run in the executor's UI";
  }
}
