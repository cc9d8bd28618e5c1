package dev.berth.core.flow;

import dev.berth.api.Job;
import dev.berth.api.JobState;
import dev.berth.core.jobs.JobView;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An array as the API shows it: its jobs, how many are in each state, and its cap.
 *
 * @param arrayId the id of its first job
 * @param maxRunning the most of its jobs SCHEDULED or RUNNING at once; null for no cap
 * @param counts how many of its jobs are in each state (states with none left out)
 * @param done whether every job of it has ended
 */
public record ArrayView(String arrayId, String user, String name, int size, Integer maxRunning,
    Map<JobState, Integer> counts, boolean done, List<JobView> jobs) {

  public static ArrayView of(List<Job> jobs) {
    Job first = jobs.get(0);
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    for (Job j : jobs) {
      counts.merge(j.state(), 1, Integer::sum);
    }
    boolean done = jobs.stream().allMatch(j -> j.state().isTerminal());
    return new ArrayView(first.flow().arrayId(), first.user(), first.name(), jobs.size(),
        first.flow().arrayMaxRunning(), counts, done, jobs.stream().map(JobView::of).toList());
  }
}
