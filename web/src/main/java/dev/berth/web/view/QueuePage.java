package dev.berth.web.view;

import java.util.List;

/** The queue (home) page: what runs, what waits in order and why, and what finished lately. */
public record QueuePage(Layout layout, Body body) {

  /** The part that refreshes live. */
  public record Body(
      List<Running> running, List<Queued> queued, long queuedTotal, Pager pager, List<Finished> finished,
      String sampledAt) {}

  /** A SCHEDULED or RUNNING job. */
  public record Running(String id, String name, String user, int gpus, String node, String gpuList, String state,
      String elapsed) {}

  /**
   * A QUEUED job at its place in the order.
   *
   * @param head whether it is the first in line: its reasons are the scheduler's own
   */
  public record Queued(String id, long position, String name, String user, int gpus, int priority, String waited,
      String submittedAt, List<String> reasons, boolean head) {}

  /** A job that ended, with how. */
  public record Finished(String id, String name, String user, String state, String outcome, String finishedAt,
      String ran) {}
}
