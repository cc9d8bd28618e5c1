package dev.berth.store.redis;

import dev.berth.api.JobState;
import java.util.Set;
import java.util.StringJoiner;

/** The expected states of a transition in the form the transition script takes them. */
final class StateArgument {
  private StateArgument() {}

  /** {@code QUEUED,SCHEDULED}: the argument form of the transition script. */
  static String asArgument(Set<JobState> states) {
    StringJoiner joined = new StringJoiner(",");
    states.forEach(s -> joined.add(s.name()));
    return joined.toString();
  }
}
