package dev.berth.core.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth logs ID [-f] [--tail N]}: a job's output; {@code -f} follows it until the job ends. */
@Command(name = "logs", description = "A job's output; -f follows it until the job ends, then exits with the job's exit code.")
public final class LogsCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
  String id;

  @Option(names = {"-f", "--follow"}, description = "Keep printing while the job runs; stop when it ends.")
  boolean follow;

  @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines (default: 200, or all with -f).")
  Integer tail;

  @Option(names = "--attempt", paramLabel = "N",
      description = "The log of attempt N of a retried job (default: the latest).")
  Integer attempt;

  @Override
  protected int run(ClientContext ctx) {
    JobIds.check(id);
    if (tail != null && (tail < 1 || tail > 100_000)) {
      throw new CliFailure(ExitCodes.USAGE, "--tail must be from 1 to 100000");
    }
    if (attempt != null && follow) {
      throw new CliFailure(ExitCodes.USAGE, "--attempt shows an earlier attempt's log, which no longer grows; drop -f");
    }
    ApiClient api = ctx.api();
    if (follow) {
      return new JobFollower(api, ctx).follow(id, tail == null ? 0 : tail);
    }
    String text = api.getText("/api/v1/jobs/" + id + "/logs?tail=" + (tail == null ? 200 : tail)
        + (attempt == null ? "" : "&attempt=" + attempt));
    ctx.out().print(text);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      ctx.out().println();
    }
    return ExitCodes.OK;
  }
}
