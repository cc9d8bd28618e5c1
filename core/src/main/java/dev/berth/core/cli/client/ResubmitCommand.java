package dev.berth.core.cli.client;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth resubmit ID [-p k=v] [--gpus N] [--time 2h]}: queues a new job with the same submission. */
@Command(name = "resubmit", description = "Queue a new job with a job's submission; optionally other parameters, GPUs or time limit.")
public final class ResubmitCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The job to submit again.")
  String id;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "Change a parameter; repeat for more.")
  List<String> params = List.of();

  @Option(names = "--gpus", paramLabel = "N", description = "Other GPUs than the job's.")
  Integer gpus;

  @Option(names = {"--time", "--time-limit"}, paramLabel = "DURATION", description = "Another time limit, like 2h.")
  String time;

  @Option(names = "--json", description = "Print the API's object for the new job.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    JobIds.check(id);
    Node overrides = Node.object();
    if (gpus != null) {
      overrides.put("gpus", (long) gpus);
    }
    if (time != null) {
      overrides.put("timeLimit", Durations.parse("--time", time).toSeconds());
    }
    if (!params.isEmpty()) {
      Node ps = Node.object();
      for (String p : params) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new CliFailure(ExitCodes.USAGE, "-p '" + p + "' is not KEY=VALUE");
        }
        ps.put(p.substring(0, eq), p.substring(eq + 1));
      }
      overrides.put("parameters", ps);
    }
    Node job = ctx.api().postJson("/api/v1/jobs/" + id + "/resubmit", overrides);
    if (json) {
      ctx.out().println(job.pretty());
    } else {
      String where = job.hasNonNull("position") ? ", position " + job.path("position").asLong(0) + " in the queue" : "";
      ctx.out().println("Resubmitted job " + id + " as job " + job.path("id").asText() + where);
    }
    return ExitCodes.OK;
  }
}
