package dev.berth.core.scheduler;

import java.util.function.Consumer;

/**
 * Where readers follow committed job changes (the UI's live updates). Only the subscribing half of
 * {@link JobChanges}: a handler can listen, never announce a change that the store did not make.
 */
public interface JobChangeFeed {
  /** Calls {@code subscriber} on the committing thread for each change; keep it quick. */
  void subscribe(Consumer<JobChange> subscriber);
}
