package dev.berth.core.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth why ID}: why a queued job waits, one reason per line ({@code CODE  message}), then
 * when it should start and, under an order that scores, its score term by term.
 */
@Command(name = "why", description = "Why a job waits, one reason per line, its start estimate and its score.")
public final class WhyCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
  String id;

  @Option(names = "--json",
      description = "Print {id, state, position, waitingReasons, estimatedStartAt, estimateNote, score}.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    Node job = ctx.api().getJson("/api/v1/jobs/" + JobIds.check(id));
    String state = job.path("state").asText();
    if (json) {
      Node out = Node.object();
      out.put("id", job.path("id"));
      out.put("state", state);
      out.put("position", job.path("position"));
      out.put("waitingReasons", job.path("waitingReasons").isArray() ? job.path("waitingReasons") : Node.array());
      out.put("estimatedStartAt", job.has("estimatedStartAt") ? job.path("estimatedStartAt") : Node.NULL);
      out.put("estimateNote", job.has("estimateNote") ? job.path("estimateNote") : Node.NULL);
      out.put("score", job.has("score") ? job.path("score") : Node.NULL);
      ctx.out().println(out.pretty());
      return ExitCodes.OK;
    }
    if (!state.equals("QUEUED")) {
      ctx.out().println("job " + id + " is not waiting: it is " + state);
      return ExitCodes.OK;
    }
    Node reasons = job.path("waitingReasons");
    if (!reasons.isArray() || reasons.isEmpty()) {
      ctx.out().println("job " + id + " is queued at position " + job.path("position").asText() + "; the scheduler gave no reason yet");
    }
    reasons.forEach(r -> ctx.out().println(JobFields.reason(r)));
    String estimate = JobFields.estimate(job, ctx.clock().instant());
    if (estimate != null) {
      ctx.out().println(estimate);
    }
    if (job.path("score").isObject()) {
      ctx.out().println("score " + JobFields.scoreTotal(job) + ":");
      JobFields.scoreLines(job).forEach(l -> ctx.out().println("  " + l));
    }
    return ExitCodes.OK;
  }
}
