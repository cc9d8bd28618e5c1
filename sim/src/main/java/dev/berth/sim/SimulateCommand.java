package dev.berth.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.core.cli.Launcher;
import dev.berth.testkit.SettableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth simulate}: replays a trace through Berth's own scheduler and prints the figures. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Replay a job trace through Berth's own scheduler, order and policy plugins in virtual time, "
        + "and print completion times, waits, utilisation, fairness and estimate accuracy (docs/scheduling.md)."})
public final class SimulateCommand implements Callable<Integer> {
  /** The exit code when some jobs could never be placed on the cluster. */
  static final int UNSCHEDULABLE = 3;
  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The trace file.")
  Path trace;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "tiresias",
      description = "tiresias, openb or berth (berth export's JSON lines); default ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--cluster", required = true, paramLabel = "SHAPE",
      description = "NODESxGPUS (such as 16x8), or a node list file with 'NAME GPUS' a line.")
  String cluster;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Server config with extensions.order, extensions.policies, scheduler.*, limits.*, fairshare.*.")
  Path config;

  @Option(names = "--compare", arity = "1..*", paramLabel = "FILE",
      description = "Several config files: each runs on the same trace, printed side by side.")
  List<Path> compare;

  @Option(names = "--users", defaultValue = "10", description = "Users for a trace without users (Zipf); default ${DEFAULT-VALUE}.")
  int users;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the user draw; default ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--time-limit-factor", paramLabel = "F",
      description = "Time limit = F x the job's actual duration where the trace has none (else limits.defaultTimeLimitMinutes).")
  Double timeLimitFactor;

  @Option(names = "--estimate-every", paramLabel = "K", defaultValue = "1",
      description = "Measure the start estimate of every K-th submission; default ${DEFAULT-VALUE}.")
  int estimateEvery;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Plugins to load (default: the installed plugins).")
  Path pluginsDir;

  @Override
  public Integer call() {
    // The parts log as they would in a server; a simulation shows its table, and errors only.
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "error");
    }
    try {
      return run();
    } catch (BadInputException e) {
      System.err.println("berth simulate: " + e.getMessage());
      return 2;
    }
  }

  /** 0, or 3 when some jobs could never be placed (the table is printed all the same). */
  private int run() {
    if (config != null && compare != null) {
      throw new BadInputException("give --config or --compare, not both");
    }
    TraceFormat f = TraceFormat.parse(format);
    Cluster shape = Cluster.parse(cluster);
    SimOptions options = new SimOptions(users, seed, timeLimitFactor, estimateEvery);
    Trace jobs = f.read(trace);
    List<Path> configs = new ArrayList<>();
    if (compare != null) {
      configs.addAll(compare);
    } else {
      configs.add(config);
    }
    Path plugins = pluginsDir != null ? pluginsDir : Launcher.bundledPlugins();
    List<Report> reports = new ArrayList<>();
    for (Path c : configs) {
      SettableClock clock = new SettableClock(Simulation.START);
      try (ConfiguredPlugins p = ConfiguredPlugins.open(c, plugins, clock)) {
        reports.add(Report.of(new Simulation(p.order, p.policies, p.settings, shape, options, clock).run(jobs)));
      }
    }
    System.out.println("Trace " + trace.getFileName() + " (" + f.name().toLowerCase() + ", " + jobs.jobs().size()
        + " jobs) on " + shape + (timeLimitFactor != null ? ", time limits " + timeLimitFactor + " x duration" : ""));
    jobs.notes().forEach(n -> System.out.println("Note: " + n));
    System.out.println();
    System.out.print(ReportTable.render(reports));
    if (json != null) {
      writeJson(f, shape, jobs, reports);
    }
    int unschedulable = reports.get(0).unschedulable();
    if (unschedulable > 0) {
      System.err.println("berth simulate: " + unschedulable + " jobs ask for more GPUs than the largest node has ("
          + shape.largestNode() + "): unschedulable, left out of the figures");
      return UNSCHEDULABLE;
    }
    return 0;
  }

  private void writeJson(TraceFormat f, Cluster shape, Trace jobs, List<Report> reports) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("trace", trace.toString());
    out.put("format", f.name().toLowerCase());
    out.put("cluster", Map.of("nodes", shape.nodes().size(), "gpus", shape.totalGpus()));
    out.put("users", users);
    out.put("seed", seed);
    out.put("timeLimitFactor", timeLimitFactor);
    out.put("notes", jobs.notes());
    out.put("runs", reports);
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), out);
    } catch (IOException e) {
      throw new BadInputException("cannot write " + json + ": " + e.getMessage());
    }
  }
}
