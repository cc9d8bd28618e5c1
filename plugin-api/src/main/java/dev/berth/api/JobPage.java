package dev.berth.api;

import java.util.List;

/**
 * A page of jobs.
 *
 * @param next an opaque cursor for the following page, or null when this is the last one
 */
public record JobPage(List<Job> jobs, String next) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }
}
