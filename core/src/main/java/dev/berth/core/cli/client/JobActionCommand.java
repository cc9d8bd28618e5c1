package dev.berth.core.cli.client;

import java.util.List;

/**
 * What {@code berth hold} and {@code berth release} share: one POST per job id, a line for each job
 * done, one line of why for each that was not, and exit 0 only when every one was done.
 */
abstract class JobActionCommand extends ClientCommand {
  /** @return the line for a job done, such as "held job 12" */
  abstract String done(String id);

  abstract String verb();

  int each(ClientContext ctx, List<String> ids) {
    ids.forEach(JobIds::check);
    ApiClient api = ctx.api();
    int code = ExitCodes.OK;
    for (String id : ids) {
      try {
        api.post("/api/v1/jobs/" + id + "/" + verb(), null);
        ctx.out().println(done(id));
      } catch (CliFailure e) {
        if (e.exitCode() == ExitCodes.UNREACHABLE || e.exitCode() == ExitCodes.NOT_SIGNED_IN) {
          throw e;
        }
        ctx.err().println("berth: job " + id + " was not " + done("").split(" ")[0] + ": " + e.getMessage());
        if (code == ExitCodes.OK) {
          code = e.exitCode();
        }
      }
    }
    return code;
  }
}
