package dev.berth.core.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth array ID [--cancel]}: an array's or sweep's jobs by state; {@code --cancel} cancels all not ended. */
@Command(name = "array", description = "An array's jobs, counted by state and listed; --cancel cancels every job not ended.")
public final class ArrayCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The array id (its first job's id).")
  String id;

  @Option(names = "--cancel", description = "Cancel every job of the array that has not ended.")
  boolean cancel;

  @Option(names = "--json", description = "Print the API's array object.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    JobIds.check(id);
    ApiClient api = ctx.api();
    Node array = cancel ? api.postJson("/api/v1/arrays/" + id + "/cancel", null) : api.getJson("/api/v1/arrays/" + id);
    if (json) {
      ctx.out().println(array.pretty());
      return ExitCodes.OK;
    }
    Terminal term = ctx.terminal();
    StringBuilder counts = new StringBuilder();
    for (var e : array.path("counts").fields()) {
      counts.append(counts.length() == 0 ? "" : ", ").append(term.state(e.getKey(), e.getValue().asInt() + " " + e.getKey()));
    }
    ctx.out().println("array " + array.path("arrayId").asText() + " " + array.path("name").asText() + " of "
        + array.path("user").asText() + ": " + array.path("size").asInt() + " jobs"
        + (array.hasNonNull("maxRunning") ? ", at most " + array.path("maxRunning").asInt() + " running at once" : "")
        + (array.path("done").asBoolean() ? ", done" : ""));
    ctx.out().println("  " + counts);
    for (Node job : array.path("jobs")) {
      ctx.out().println("  " + job.path("arrayIndex").asText() + "\tjob " + job.path("id").asText() + "\t"
          + term.state(job.path("state").asText(), job.path("state").asText()));
    }
    return ExitCodes.OK;
  }
}
