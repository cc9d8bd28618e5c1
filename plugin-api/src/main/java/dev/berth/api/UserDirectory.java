package dev.berth.api;

import java.util.List;

/**
 * What listener plugins may read about the people behind jobs: their notification choices and the
 * end of a job's log. Cheap reads the host answers from its store and executor; call it on your
 * own (listener) thread, never in a hurry loop.
 */
public interface UserDirectory {

  /** The user's choices, or {@link NotifyPreferences#defaults} when they never saved any. */
  NotifyPreferences preferences(String user);

  /** The job's last {@code lines} log lines, oldest first; empty when the executor has none. */
  List<String> logTail(String jobId, int lines);

  /** A directory that knows nobody: the defaults for everyone, and no logs. */
  UserDirectory NONE = new UserDirectory() {
    @Override
    public NotifyPreferences preferences(String user) {
      return NotifyPreferences.defaults(user);
    }

    @Override
    public List<String> logTail(String jobId, int lines) {
      return List.of();
    }
  };
}
