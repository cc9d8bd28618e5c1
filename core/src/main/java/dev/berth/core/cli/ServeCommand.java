package dev.berth.core.cli;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.server.BerthServer;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth serve}: runs the queue, the scheduler and the HTTP API until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run Berth: the queue API, the scheduler and the UI.")
final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws InterruptedException {
    BerthServer server;
    try {
      BerthConfig config = options.load();
      server = BerthServer.start(config, Clock.systemUTC(), Launcher.bundledPlugins());
    } catch (ConfigException e) {
      System.err.println("berth: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      System.err.println("berth: could not start: " + e.getMessage());
      org.slf4j.LoggerFactory.getLogger(ServeCommand.class).debug("Start failed", e);
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "berth-shutdown"));
    stopped.await();
    return 0;
  }
}
