package dev.berth.core.cli.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth history}: finished jobs, newest first, with their end state, wait and run time. It
 * pages through {@code GET /api/v1/jobs} until the jobs were submitted before {@code --since}.
 */
@Command(name = "history", description = "Finished jobs, newest first: end state, exit code, wait and run time (default: yours, 7 days).")
public final class HistoryCommand extends ClientCommand {
  private static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("ID", 7, true), new Table.Column("USER", 8, false), new Table.Column("NAME", 14, false),
      new Table.Column("STATE", 9, false), new Table.Column("EXIT", 4, true), new Table.Column("WAITED", 6, true),
      new Table.Column("RAN", 6, true), new Table.Column("FINISHED", 20, false));

  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "7d", description = "How far back (default: ${DEFAULT-VALUE}).")
  String since;

  @ArgGroup(exclusive = true)
  QueueCommand.Whose whose = new QueueCommand.Whose();

  @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "100", description = "At most N jobs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Print {jobs: [...]}: the API's job objects.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    Instant now = ctx.clock().instant();
    Instant from = now.minus(Durations.parse("--since", since));
    if (limit < 1 || limit > 10_000) {
      throw new CliFailure(ExitCodes.USAGE, "--limit must be from 1 to 10000");
    }
    Credentials c = ctx.credentials();
    ApiClient api = ctx.api(c);
    String user = whose.all ? null : whose.user != null ? whose.user : QueueCommand.me(api, c);
    Node jobs = Node.array();
    String cursor = null;
    do {
      String path = "/api/v1/jobs?state=COMPLETED,FAILED,CANCELLED&limit=" + Math.min(1000, limit - jobs.size() + 1)
          + (user == null ? "" : "&user=" + encode(user)) + (cursor == null ? "" : "&cursor=" + encode(cursor));
      Node page = api.getJson(path);
      boolean older = false;
      for (Node j : page.path("jobs")) {
        Instant submitted = JobFields.instant(j, "submittedAt");
        if (submitted != null && submitted.isBefore(from)) {
          older = true;
          break;
        }
        if (jobs.size() < limit) {
          jobs.add(j);
        }
      }
      cursor = older || jobs.size() >= limit ? null : page.path("next").asText(null);
    } while (cursor != null);
    if (json) {
      ctx.out().println(Node.object().put("jobs", jobs).pretty());
      return ExitCodes.OK;
    }
    Terminal t = ctx.terminal();
    Table table = new Table(COLUMNS);
    for (Node j : jobs) {
      String finished = JobFields.text(j, "finishedAt");
      table.add(new String[] {JobFields.text(j, "id"), JobFields.text(j, "user"), JobFields.text(j, "name"),
          JobFields.text(j, "state"), JobFields.text(j, "exitCode"), JobFields.waited(j, now), JobFields.ran(j, now),
          finished.length() > 19 ? finished.substring(0, 19).replace('T', ' ') : finished}, 3,
          s -> t.state(JobFields.text(j, "state"), s));
    }
    ctx.out().print(table.render(t.width()));
    ctx.out().println(t.dim(jobs.size() + " finished job" + (jobs.size() == 1 ? "" : "s") + " submitted in the last " + since
        + (user == null ? "" : ", " + user + "'s (--all for everyone's)")));
    return ExitCodes.OK;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
