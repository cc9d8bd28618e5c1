package dev.berth.core.cli.client;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cancel ID…}: cancels each job, names each one that was not and why, and exits 0 only
 * when every one was cancelled (or, running, is being stopped).
 */
@Command(name = "cancel", description = "Cancel jobs; exit 0 only when all were cancelled.")
public final class CancelCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "The job ids.")
  List<String> ids;

  @Override
  protected int run(ClientContext ctx) {
    ids.forEach(JobIds::check);
    ApiClient api = ctx.api();
    int code = ExitCodes.OK;
    for (String id : ids) {
      try {
        ApiClient.Answer a = api.post("/api/v1/jobs/" + id + "/cancel", null);
        ctx.out().println(a.status() == 202 ? "job " + id + " is running; it is being stopped" : "cancelled job " + id);
      } catch (CliFailure e) {
        if (e.exitCode() == ExitCodes.UNREACHABLE || e.exitCode() == ExitCodes.NOT_SIGNED_IN) {
          throw e;
        }
        ctx.err().println("berth: job " + id + " was not cancelled: " + e.getMessage());
        if (code == ExitCodes.OK) {
          code = e.exitCode();
        }
      }
    }
    return code;
  }
}
