package dev.berth.core.cli.client;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth gpus}: each node and GPU, its memory and use, the job holding it, and whether a job may start there. */
@Command(name = "gpus", description = "Each node and GPU: memory, utilisation, the job holding it, and whether a job may start there.")
public final class GpusCommand extends ClientCommand {
  private static final int BAR = 10;

  @Option(names = "--json", description = "Print the API's resources object.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    Node report = ctx.api().getJson("/api/v1/resources");
    PrintStream out = ctx.out();
    if (json) {
      out.println(report.pretty());
      return ExitCodes.OK;
    }
    Terminal t = ctx.terminal();
    for (Node e : report.path("errors")) {
      out.println("probe: " + e.asText());
    }
    for (Node node : report.path("nodes")) {
      boolean hostOk = node.path("eligible").asBoolean();
      out.println(t.bold(node.path("name").asText()) + "  CPU " + percent(node.path("cpuPercent")) + "  memory "
          + percent(node.path("memoryPercent")) + "  " + verdict(t, hostOk, node.path("reasons")));
      for (Node e : node.path("errors")) {
        out.println("  probe: " + e.asText());
      }
      if (node.path("gpus").isEmpty()) {
        out.println("  no GPU");
      }
      for (Node g : node.path("gpus")) {
        out.println(gpuLine(t, g));
      }
    }
    if (report.path("nodes").isEmpty() && report.path("errors").isEmpty()) {
      out.println("no resource sample yet");
    }
    return ExitCodes.OK;
  }

  /** One line of figures, and the policy's verdict on the next, so that both fit 80 columns. */
  private static String gpuLine(Terminal t, Node g) {
    Node used = g.path("memoryUsedMiB");
    Node total = g.path("memoryTotalMiB");
    Double memShare = used.isNumber() && total.isNumber() && total.asLong(0) > 0 ? 100.0 * used.asLong(0) / total.asLong(0) : null;
    String memory = (used.isNumber() ? used.asText() : "?") + "/" + (total.isNumber() ? total.asText() : "?") + " MiB";
    Node util = g.path("utilizationPercent");
    String job = g.hasNonNull("reservedBy") ? "job " + g.path("reservedBy").asText() : "free";
    String figures = String.format("  %d %-12s mem %s %-15s util %s %4s  %s", g.path("index").asInt(),
        Table.fit(shortName(g.path("name").asText("")), 12), bar(memShare), memory,
        bar(util.isNumber() ? util.asDouble() : null), percent(util), job);
    return figures.stripTrailing() + "\n      " + verdict(t, g.path("eligible").asBoolean(), g.path("reasons"));
  }

  /** "NVIDIA GeForce RTX 3080" → "RTX 3080": the vendor words say nothing on a Berth node. */
  static String shortName(String name) {
    return name.replaceFirst("^NVIDIA ", "").replaceFirst("^GeForce ", "");
  }

  static String bar(Double percent) {
    if (percent == null) {
      return "[" + "?".repeat(BAR) + "]";
    }
    int filled = (int) Math.round(Math.max(0, Math.min(100, percent)) / 100 * BAR);
    return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
  }

  private static String percent(Node v) {
    return v.isNumber() ? Math.round(v.asDouble()) + "%" : "?";
  }

  private static String verdict(Terminal t, boolean ok, Node reasons) {
    if (ok) {
      return t.state("ok", "can start jobs");
    }
    List<String> why = new ArrayList<>();
    reasons.forEach(r -> why.add(r.asText()));
    return t.state("blocked", "blocked") + (why.isEmpty() ? "" : ": " + String.join("; ", why));
  }
}
