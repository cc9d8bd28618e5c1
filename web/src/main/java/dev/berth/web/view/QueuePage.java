package dev.berth.web.view;

import java.util.List;

/** The queue (home) page: what runs, what waits in order and why, and what finished lately. */
public record QueuePage(Layout layout, Body body) {

  /** The part that refreshes live. */
  public record Body(
      List<Running> running, List<Queued> queued, long queuedTotal, Pager pager, List<Finished> finished,
      String sampledAt, boolean scored, List<Held> held) {}

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
      String scoreBreakdown, ArrayGroup array) {

    /** The same row standing for its whole array, from its first queued job on this page. */
    public Queued asArray(ArrayGroup group) {
      return new Queued(id, position, name, user, gpus, priority, waited, submittedAt, reasons, head, estimate,
          estimateAt, score, scoreBreakdown, group);
    }
  }

  /**
   * An array shown as one row: its queued jobs on this page fold into it.
   *
   * @param counts "2 RUNNING · 8 QUEUED", over the whole array
   * @param cap "at most 2 running at once", or "no cap"
   * @param members its queued jobs on this page, in queue order
   */
  public record ArrayGroup(String arrayId, String counts, String cap, List<Member> members) {}

  /** A queued job of an array, inside its array's row. */
  public record Member(String id, Long position, String index, List<WaitReason> reasons) {}

  /** A HELD job: it keeps its place and starts once released. */
  public record Held(String id, String name, String user, int gpus, String heldFor, String heldSince) {}

  /** A job that ended, with how. */
  public record Finished(String id, String name, String user, String state, String outcome, String finishedAt,
      String ran) {}
}
