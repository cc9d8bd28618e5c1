package dev.berth.core.cli.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth submit TEMPLATE -p key=value …}: queues a job; with {@code --follow}, streams its log and exits as it did. */
@Command(name = "submit", description = "Queue a job from a template; print its id and place in the queue.")
public final class SubmitCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "TEMPLATE", description = "The job template (berth's API: GET /api/v1/templates).")
  String template;

  @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A template parameter; repeat for more.")
  List<String> params = List.of();

  @Option(names = "--gpus", paramLabel = "N", description = "GPUs on one node (0 = CPU only; server default 1).")
  Integer gpus;

  @Option(names = "--time", paramLabel = "DURATION",
      description = "Time limit, like 2h or 90m (up to the server's limits.maxTimeLimitMinutes).")
  String time;

  @Option(names = "--name", paramLabel = "NAME", description = "The job's name (default: the template's).")
  String name;

  @Option(names = "--priority", paramLabel = "N", description = "-1000 to 1000; the FIFO order ignores it.")
  Integer priority;

  @Option(names = "--after", paramLabel = "ID[:WHEN]",
      description = "Start only after job ID succeeded (ID:ended however it ended, ID:failed if it failed); repeat or comma-separate.")
  List<String> after = List.of();

  @Option(names = "--array", paramLabel = "SPEC",
      description = "An array of copies, like 0-9%2 (10 jobs, at most 2 running); with --sweep only the cap, like %2.")
  String array;

  @Option(names = "--sweep", paramLabel = "KEY=V1,V2",
      description = "Sweep a parameter over values; repeat for more: every combination becomes one job of an array.")
  List<String> sweep = List.of();

  @Option(names = "--hold", description = "Queue it HELD: it keeps its place and starts once released (berth release ID).")
  boolean hold;

  @Option(names = "--max-retries", paramLabel = "N", description = "0 to 10: a run that FAILED is queued again as the next attempt.")
  Integer maxRetries;

  @Option(names = "--interactive",
      description = "A session you work in (a notebook, a shell): the idle-GPU guard leaves it alone for a while.")
  boolean interactive;

  @Option(names = {"-f", "--follow"}, description = "Wait for the job to start, stream its log, and exit with its exit code.")
  boolean follow;

  @Option(names = "--json", description = "Print the API's job object.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    Node body = Node.object();
    body.put("template", template);
    if (name != null) {
      body.put("name", name);
    }
    if (gpus != null) {
      body.put("gpus", (long) gpus);
    }
    if (priority != null) {
      body.put("priority", (long) priority);
    }
    if (interactive) {
      body.put("interactive", Node.bool(true));
    }
    if (time != null) {
      body.put("timeLimit", Durations.parse("--time", time).toSeconds());
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new CliFailure(ExitCodes.USAGE, "-p '" + p + "' is not KEY=VALUE");
      }
      parameters.put(p.substring(0, eq), p.substring(eq + 1));
    }
    if (!parameters.isEmpty()) {
      Node ps = Node.object();
      parameters.forEach(ps::put);
      body.put("parameters", ps);
    }
    flowFields(body);
    if (follow && (array != null || !sweep.isEmpty())) {
      throw new CliFailure(ExitCodes.USAGE, "--follow follows one job; an array's jobs have their own logs (berth logs ID)");
    }
    ApiClient api = ctx.api();
    Node job = api.postJson("/api/v1/jobs", body);
    if (job.hasNonNull("arrayId") && job.has("size")) {
      if (json) {
        ctx.out().println(job.pretty());
      } else {
        ctx.out().println("Submitted array " + job.path("arrayId").asText() + ": " + job.path("size").asInt() + " jobs"
            + (job.hasNonNull("maxRunning") ? ", at most " + job.path("maxRunning").asInt() + " running at once" : ""));
      }
      return ExitCodes.OK;
    }
    String id = job.path("id").asText();
    if (json) {
      ctx.out().println(job.pretty());
    } else {
      String where = "HELD".equals(job.path("state").asText()) ? ", held (berth release " + id + " lets it start)"
          : job.hasNonNull("position") ? ", position " + job.path("position").asLong(0) + " in the queue" : "";
      (follow ? ctx.err() : ctx.out()).println("Submitted job " + id + where);
    }
    if (!follow) {
      return ExitCodes.OK;
    }
    return new JobFollower(api, ctx).follow(id, 0);
  }

  /** {@code --after}, {@code --array}, {@code --sweep}, {@code --hold}, {@code --max-retries}: the server checks each. */
  private void flowFields(Node body) {
    if (!after.isEmpty()) {
      Node deps = Node.array();
      for (String a : after) {
        for (String part : a.split(",")) {
          if (!part.isBlank()) {
            deps.add(Node.text(part.strip()));
          }
        }
      }
      body.put("dependsOn", deps);
    }
    if (array != null) {
      body.put("array", array);
    }
    if (!sweep.isEmpty()) {
      Node swept = Node.object();
      for (String s : sweep) {
        int eq = s.indexOf('=');
        if (eq <= 0 || eq == s.length() - 1) {
          throw new CliFailure(ExitCodes.USAGE, "--sweep '" + s + "' is not KEY=VALUE1,VALUE2");
        }
        Node values = Node.array();
        for (String v : s.substring(eq + 1).split(",")) {
          values.add(Node.text(v));
        }
        swept.put(s.substring(0, eq), values);
      }
      body.put("sweep", swept);
    }
    if (hold) {
      body.put("hold", Node.bool(true));
    }
    if (maxRetries != null) {
      body.put("maxRetries", (long) maxRetries);
    }
  }
}
