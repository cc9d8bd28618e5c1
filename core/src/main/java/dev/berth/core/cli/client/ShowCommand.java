package dev.berth.core.cli.client;

import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth show ID}: every field of a job, its history of states, and why it waits. */
@Command(name = "show", description = "Every field of a job, its history of states, and why it waits.")
public final class ShowCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
  String id;

  @Option(names = "--json", description = "Print {job, events}: the API's objects.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    ApiClient api = ctx.api();
    String path = "/api/v1/jobs/" + JobIds.check(id);
    Node job = api.getJson(path);
    Node events = api.getJson(path + "/events").path("events");
    if (json) {
      Node out = Node.object();
      out.put("job", job);
      out.put("events", events);
      ctx.out().println(out.pretty());
      return ExitCodes.OK;
    }
    PrintStream out = ctx.out();
    Terminal t = ctx.terminal();
    for (Map.Entry<String, Node> f : job.fields()) {
      // Shown below in their own sections, in words.
      if (f.getKey().equals("waitingReasons") || f.getKey().equals("score") || f.getKey().equals("estimatedStartAt")
          || f.getKey().equals("estimateNote")) {
        continue;
      }
      String value = f.getValue().isNull() ? "-" : f.getValue().isScalar() ? f.getValue().asText() : f.getValue().toString();
      out.printf("%-13s %s%n", f.getKey() + ":", f.getKey().equals("state") ? t.state(value, value) : value);
    }
    out.println();
    out.println(t.bold("History:"));
    for (Node e : events) {
      String from = e.path("from").isNull() ? "" : e.path("from").asText() + " → ";
      String msg = e.path("message").isNull() ? "" : "  " + e.path("message").asText();
      out.println("  " + e.path("at").asText() + "  " + from + e.path("to").asText() + "  by " + e.path("actor").asText() + msg);
    }
    Node reasons = job.path("waitingReasons");
    if (reasons.isArray() && !reasons.isEmpty()) {
      out.println();
      out.println(t.bold("Waiting because:"));
      reasons.forEach(r -> out.println("  " + JobFields.reason(r)));
    }
    String estimate = JobFields.estimate(job, ctx.clock().instant());
    if (estimate != null) {
      out.println();
      out.println(t.bold("Start:") + " " + estimate);
    }
    if (job.path("score").isObject()) {
      out.println();
      out.println(t.bold("Score:") + " " + JobFields.scoreTotal(job));
      JobFields.scoreLines(job).forEach(l -> out.println("  " + l));
    }
    return ExitCodes.OK;
  }
}
