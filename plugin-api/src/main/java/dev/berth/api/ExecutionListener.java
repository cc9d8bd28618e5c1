package dev.berth.api;

/**
 * Where an executor pushes status changes as they happen, so that the next job starts as soon as a
 * GPU frees up instead of at the next poll. The host's reconciler receives them and writes them to
 * the store; it also polls {@link JobExecutor#status}, so a lost push delays but never loses a
 * change.
 *
 * <p>May be called from any thread; returns quickly (it only queues the report).
 */
public interface ExecutionListener {

  void onStatus(ExecutionStatus status);
}
