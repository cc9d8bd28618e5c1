package dev.berth.web.view;

import java.util.List;

/** The queue (home) page: what runs, what waits in order and why, and what finished lately. */
public record QueuePage(Layout layout, Body body) {

  /** The part that refreshes live. */
  public record Body(
      List<Running> running, List<Queued> queued, long queuedTotal, Pager pager, List<Finished> finished,
      String sampledAt, boolean scored) {}

  /** A SCHEDULED or RUNNING job. */
  public record Running(String id, String name, String user, int gpus, String node, String gpuList, String state,
      String elapsed) {}

  /**
   * A QUEUED job at its place in the order.
   *
   * @param position its place in line, or null when the last pass has not ranked it yet
   * @param head whether it is the first in line: its reasons are the scheduler's own
   * @param estimate "starts ≈ 14:05 (in 12 min)" or "no estimate: …"
   * @param estimateAt the full time of the estimate, for its tooltip; empty when there is none
   * @param score the total under an order that scores, else empty
   * @param scoreBreakdown one line per factor, for the score's tooltip
   */
  public record Queued(String id, Long position, String name, String user, int gpus, int priority, String waited,
      String submittedAt, List<WaitReason> reasons, boolean head, String estimate, String estimateAt, String score,
      String scoreBreakdown) {}

  /** A job that ended, with how. */
  public record Finished(String id, String name, String user, String state, String outcome, String finishedAt,
      String ran) {}
}
