package dev.berth.store.redis;

import dev.berth.api.JobState;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;

/** Which expected states the job model lets move to a target state, as the transition script takes them. */
final class TransitionRules {
  private TransitionRules() {}

  /** The states among {@code expectedFrom} that may move to {@code to}. */
  static Set<JobState> allowedFrom(Set<JobState> expectedFrom, JobState to) {
    Set<JobState> allowed = EnumSet.noneOf(JobState.class);
    for (JobState from : expectedFrom) {
      if (from.canTransitionTo(to)) {
        allowed.add(from);
      }
    }
    return allowed;
  }

  /** {@code QUEUED,SCHEDULED}: the argument form of the transition script. */
  static String asArgument(Set<JobState> states) {
    StringJoiner joined = new StringJoiner(",");
    states.forEach(s -> joined.add(s.name()));
    return joined.toString();
  }
}
