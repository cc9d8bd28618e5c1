package dev.berth.api;

import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Runs claimed jobs: as local processes, as Argo Workflows, or anything else.
 *
 * <p><b>Combination:</b> exactly one executor is active, chosen by {@code extensions.executor}.
 *
 * <p><b>Threads:</b> {@link #submit} and {@link #cancel} are called on the scheduler thread; {@link
 * #status} and {@link #active} on the reconciler thread; log reads on request threads. All may run
 * concurrently, on one job too, so the executor must be thread-safe.
 *
 * <p><b>Speed:</b> {@link #submit} and {@link #cancel} start work and return; they must not wait
 * for the job (a few hundred milliseconds at most, for an API call to a cluster). Status arrives
 * later through the {@link ExecutionListener} or by polling.
 *
 * <p><b>Crashes:</b> Berth may die between any two steps. {@link #submit} must be idempotent per run
 * ({@link Job#runId()}: the job id, with the attempt for a retry): submitting a job whose run exists
 * returns the existing run, never a second one, while a retry's new attempt gets a run of its own
 * and never adopts the one before it. Each attempt's log stays readable. After a restart the
 * executor must still answer {@link #status} for jobs it started before, reporting the attempt
 * ({@link ExecutionStatus#attempt()}).
 *
 * <p>An executor may implement {@link AutoCloseable}; the host closes it at shutdown without
 * cancelling jobs (they keep running and are re-adopted at the next start). Every executor passes
 * the {@code JobExecutorContract} suite of {@code berth-testkit}.
 */
public interface JobExecutor extends ExtensionPoint {

  /**
   * Called once by the host, before any other method, with where to push status changes. The
   * default does nothing: the host then learns everything by polling {@link #status}.
   */
  default void start(ExecutionListener listener) {}

  /**
   * The templates users may submit to this executor. Called on request threads for every
   * submission, so answer from memory.
   */
  List<JobTemplate> templates();

  /**
   * Starts {@code job} (state SCHEDULED, with its placement) on its assigned node and GPUs.
   *
   * @return the executor's reference for the run, stored with the job
   * @throws ExecutionException when the job cannot start (unknown template, bad parameters, the
   *     cluster refused it): the job then fails with this message, and is not retried
   */
  String submit(Job job);

  /**
   * What happened to {@code job}.
   *
   * @return empty when this executor has no trace of the job (never started, or its record is gone):
   *     the host then fails the job as lost
   */
  Optional<ExecutionStatus> status(Job job);

  /**
   * Asks the run to stop (SIGTERM then SIGKILL after a grace period; an Argo shutdown). Returns at
   * once; the end arrives as a CANCELLED (or FAILED) status.
   *
   * <p>Time limits: an executor stops a run when it reaches {@link Job#deadline()} (the same
   * SIGTERM-then-SIGKILL, or the cluster's own deadline) and reports the end as {@link
   * ExecutionPhase#TIMED_OUT}. The host also stops a run it finds well past its deadline. Does nothing for a run that already
   * ended.
   */
  void cancel(Job job);

  /**
   * The job's time limit changed while it runs ({@link Job#timeLimitSeconds()}). An executor that
   * enforces the limit itself moves its deadline; the default does nothing, and an executor must
   * also take the limit from every {@link #status} call's job, which is how it learns of a change
   * made while it was down or on another Berth process. Returns at once.
   */
  default void timeLimitChanged(Job job) {}

  /**
   * Reads the job's log from {@code offset}, at most {@code maxBytes}.
   *
   * @return an empty chunk with {@code finished} when there is no log yet or no more
   */
  LogChunk readLog(Job job, long offset, int maxBytes);

  /** The last {@code lines} lines of the job's log; empty when there is none. */
  String tailLog(Job job, int lines);

  /** Every run this executor has started that has not finished, for reconciliation. */
  List<ExecutionStatus> active();
}
