package dev.berth.web.view;

import java.util.List;

/**
 * One array or sweep: how many of its jobs are in each state, its cap, and each job.
 *
 * @param cap "at most 2 running at once", or "no cap"
 * @param cancellable whether the cancel-all button shows: some job has not ended and the viewer owns
 *     the array or is an admin
 */
public record ArrayPage(Layout layout, String arrayId, String name, String user, int size, String cap,
    List<Count> counts, List<Member> jobs, boolean cancellable) {

  /** How many jobs are in one state. */
  public record Count(String state, int jobs) {}

  /** One job of the array, with what distinguishes it (its index, or its swept parameters). */
  public record Member(String id, String index, String state, String parameters, String message) {}
}
