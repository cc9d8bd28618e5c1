package dev.berth.core.cli.client;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth queue}: what runs and what waits, in the order it will start, like {@code squeue}.
 * One request ({@code GET /api/v1/queue}); the user and state filters apply here, so positions stay
 * those of the whole queue.
 */
@Command(name = "queue", description = "What runs and what waits, in order, and why the head waits (default: your jobs).")
public final class QueueCommand extends ClientCommand {
  static final List<Table.Column> COLUMNS = List.of(
      new Table.Column("POS", 5, true), new Table.Column("ID", 7, true), new Table.Column("USER", 8, false),
      new Table.Column("NAME", 12, false), new Table.Column("GPUS", 4, true), new Table.Column("STATE", 9, false),
      new Table.Column("WAITED", 6, true), new Table.Column("START", 7, false), new Table.Column("REASON", 200, false));
  /** Under an order that scores: the score's total before the reason, as sprio shows it. */
  static final List<Table.Column> SCORED_COLUMNS = List.of(
      new Table.Column("POS", 5, true), new Table.Column("ID", 7, true), new Table.Column("USER", 8, false),
      new Table.Column("NAME", 12, false), new Table.Column("GPUS", 4, true), new Table.Column("STATE", 9, false),
      new Table.Column("WAITED", 6, true), new Table.Column("START", 7, false), new Table.Column("SCORE", 5, true),
      new Table.Column("REASON", 200, false));

  @ArgGroup(exclusive = true)
  Whose whose = new Whose();

  static final class Whose {
    @Option(names = {"-a", "--all"}, description = "Everyone's jobs.")
    boolean all;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "This user's jobs.")
    String user;
  }

  @Option(names = {"-s", "--state"}, paramLabel = "STATE", description = "Only jobs in this state (QUEUED, SCHEDULED, RUNNING).")
  String state;

  @Option(names = "--json", description = "Print the API's queue object (filtered the same way).")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    Credentials c = ctx.credentials();
    ApiClient api = ctx.api(c);
    Node queue = api.getJson("/api/v1/queue?limit=1000");
    String user = whose.all ? null : whose.user != null ? whose.user : me(api, c);
    String wanted = state == null ? null : state.trim().toUpperCase(Locale.ROOT);
    Node running = filter(ctx, queue.path("running"), user, wanted);
    Node queued = filter(ctx, queue.path("queued"), user, wanted);
    if (json) {
      Node out = Node.object();
      out.put("running", running);
      out.put("queued", queued);
      out.put("queuedTotal", queue.path("queuedTotal"));
      ctx.out().println(out.pretty());
      return ExitCodes.OK;
    }
    Instant now = ctx.clock().instant();
    boolean scored = false;
    for (Node j : queued) {
      scored |= j.path("score").isObject();
    }
    Table table = new Table(scored ? SCORED_COLUMNS : COLUMNS);
    Terminal t = ctx.terminal();
    for (Node j : running) {
      table.add(row(j, "-", now, scored), 5, s -> t.state(JobFields.text(j, "state"), s));
    }
    for (Node j : queued) {
      table.add(row(j, JobFields.text(j, "position").isEmpty() ? "-" : JobFields.text(j, "position"), now, scored), 5, s -> t.state("QUEUED", s));
    }
    ctx.out().print(table.render(t.width()));
    long total = queue.path("queuedTotal").asLong(0);
    ctx.out().println(t.dim(running.size() + " running, " + total + " queued in all"
        + (user == null ? "" : "; showing " + user + "'s jobs (--all for everyone's)")));
    return ExitCodes.OK;
  }

  private static String[] row(Node j, String position, Instant now, boolean scored) {
    String[] plain = {position, JobFields.text(j, "id"), JobFields.text(j, "user"), JobFields.text(j, "name"),
        JobFields.text(j, "gpus"), JobFields.text(j, "state"), JobFields.waited(j, now), JobFields.estimatedStart(j, now),
        JobFields.firstReason(j)};
    if (!scored) {
      return plain;
    }
    String[] cells = java.util.Arrays.copyOf(plain, plain.length + 1);
    cells[plain.length - 1] = JobFields.scoreTotal(j);
    cells[plain.length] = plain[plain.length - 1];
    return cells;
  }

  private Node filter(ClientContext ctx, Node jobs, String user, String wanted) {
    Node out = Node.array();
    for (Node j : jobs) {
      if ((user == null || user.equals(JobFields.text(j, "user"))) && (wanted == null || wanted.equals(JobFields.text(j, "state")))) {
        out.add(j);
      }
    }
    return out;
  }

  /** The signed-in user: saved at login, else asked of the server (a token from BERTH_TOKEN). */
  static String me(ApiClient api, Credentials c) {
    return c.username() != null ? c.username() : api.getJson("/api/v1/me").path("username").asText();
  }
}
