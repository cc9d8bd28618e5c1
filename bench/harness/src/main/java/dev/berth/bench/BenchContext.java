package dev.berth.bench;

import dev.berth.bench.infra.Auth;
import dev.berth.bench.infra.FlightRecording;
import dev.berth.bench.infra.BenchLayout;
import dev.berth.bench.infra.ServerConfig;
import dev.berth.bench.infra.ServerDir;
import dev.berth.bench.infra.ServerUnderTest;
import dev.berth.bench.report.Results;
import java.nio.file.Path;
import java.util.List;

/** What every benchmark gets: the options, sizes, layout, credentials, work folder and results. */
public record BenchContext(BenchOptions options, Sizes sizes, BenchLayout layout, Auth auth, Results results) {

  public Path work() {
    return options.work();
  }

  /** A fresh server folder with the bench plugin installed in its plugins directory. */
  public ServerDir benchServerDir(String name) {
    ServerDir dir = ServerDir.fresh(work(), name);
    dir.installPlugin(layout.benchPlugin());
    return dir;
  }

  /** Starts Berth in {@code dir} with {@code config}, not profiled. */
  public ServerUnderTest start(ServerDir dir, ServerConfig config) {
    return ServerUnderTest.start(layout, dir, config, auth, List.of());
  }

  /**
   * Records {@code server} with JFR from now until the returned recording is closed, when the run
   * profiles ({@code --profile}); the summary goes into the results under {@code name}.
   */
  public FlightRecording profile(String name, ServerUnderTest server) throws java.io.IOException {
    return FlightRecording.start(options.profile(), server.pid(), server.dir().root().resolve(name + ".jfr"), name,
        results);
  }
}
