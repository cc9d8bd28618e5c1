package dev.berth.core.scheduler;

import dev.berth.api.Dependency;
import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.api.QueueStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The states of the jobs queued jobs wait for. An ended job never changes again, so its end is kept
 * (up to {@link #KEPT}, the least recently asked dropped first); a job still live is asked of the
 * store once per pass. Used by the scheduler thread only.
 */
final class DependencyStates {
  static final int KEPT = 100_000;

  /** Whether a job may start as far as its dependencies go. */
  sealed interface Verdict {}

  /** Every dependency is met. */
  record Met() implements Verdict {}

  /** It still waits: {@code reason} names the first dependency not met yet. */
  record Waiting(WaitingReason reason) implements Verdict {}

  /** A dependency ended in a way it does not accept: the job can never start. */
  record Never(String message) implements Verdict {}

  private static final Met MET = new Met();

  private final QueueStore store;
  private final Map<String, JobState> ended = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JobState> eldest) {
      return size() > KEPT;
    }
  };
  private final Map<String, Optional<JobState>> thisPass = new HashMap<>();

  DependencyStates(QueueStore store) {
    this.store = store;
  }

  /** Forgets what live jobs were: called at the start of each pass. */
  void newPass() {
    thisPass.clear();
  }

  Verdict of(Job job) {
    if (job.flow().dependsOn().isEmpty()) {
      return MET;
    }
    WaitingReason waiting = null;
    for (Dependency d : job.flow().dependsOn()) {
      Optional<JobState> state = state(d.job());
      if (state.isEmpty()) {
        return new Never("dependency on job " + d.job() + " can never be met: job " + d.job() + " does not exist");
      }
      JobState s = state.get();
      if (s.isTerminal() && !d.when().satisfiedBy(s)) {
        return new Never("dependency on job " + d.job() + " (" + d.when().wireName() + ") can never be met: job "
            + d.job() + " ended " + s);
      }
      if (!s.isTerminal() && waiting == null) {
        waiting = WaitingReason.of(ReasonCode.DEPENDENCY, "waits for job " + d.job() + " to have "
            + d.when().wireName() + "; it is " + s);
      }
    }
    return waiting == null ? MET : new Waiting(waiting);
  }

  private Optional<JobState> state(String id) {
    JobState known = ended.get(id);
    if (known != null) {
      return Optional.of(known);
    }
    return thisPass.computeIfAbsent(id, i -> {
      Optional<JobState> read = store.get(i).map(Job::state);
      read.filter(JobState::isTerminal).ifPresent(s -> ended.put(i, s));
      return read;
    });
  }
}
