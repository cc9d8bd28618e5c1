package dev.berth.core.flow;

import dev.berth.api.JobFlow;
import dev.berth.api.JobSubmission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated submission: one job, an array of copies, or a sweep over parameter values.
 *
 * @param base the job, or what every element of the array shares
 * @param array the array's indexes and cap; null for a single job or an uncapped sweep
 * @param sweep each swept parameter's values in the order given; empty for none. Its cartesian
 *     product, the first parameter varying slowest, makes the array's elements, indexed from 0.
 */
public record SubmissionRequest(JobSubmission base, ArraySpec array, Map<String, List<String>> sweep) {
  public SubmissionRequest {
    sweep = sweep == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sweep));
  }

  public static SubmissionRequest single(JobSubmission submission) {
    return new SubmissionRequest(submission, null, Map.of());
  }

  /** Whether it makes an array (of one element or more) rather than a single job. */
  public boolean isArray() {
    return !sweep.isEmpty() || array != null;
  }

  /** How many jobs it makes. */
  public int size() {
    if (!sweep.isEmpty()) {
      long n = 1;
      for (List<String> values : sweep.values()) {
        n *= values.size();
      }
      return (int) Math.min(Integer.MAX_VALUE, n);
    }
    return array == null ? 1 : array.indexes().size();
  }

  /** The submissions to queue, in index order; one for a single job. */
  public List<JobSubmission> elements() {
    if (!isArray()) {
      return List.of(base);
    }
    Integer cap = array == null ? null : array.maxRunning();
    JobFlow flow = base.flow();
    List<JobSubmission> out = new ArrayList<>(size());
    if (sweep.isEmpty()) {
      for (int index : array.indexes()) {
        out.add(base.withElement(base.parameters(), flow.withArray(index, cap)));
      }
      return out;
    }
    List<Map<String, String>> combinations = new ArrayList<>();
    combinations.add(new LinkedHashMap<>(base.parameters()));
    for (Map.Entry<String, List<String>> swept : sweep.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>(combinations.size() * swept.getValue().size());
      for (Map<String, String> partial : combinations) {
        for (String value : swept.getValue()) {
          Map<String, String> more = new LinkedHashMap<>(partial);
          more.put(swept.getKey(), value);
          next.add(more);
        }
      }
      combinations = next;
    }
    for (int i = 0; i < combinations.size(); i++) {
      out.add(base.withElement(combinations.get(i), flow.withArray(i, cap)));
    }
    return out;
  }
}
