package dev.berth.core.cli.client;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * The base of every client command: resolves the connection lazily, runs the command, and turns a
 * {@link CliFailure} into one line on stderr and its exit code. Nothing here loads plugins or the
 * server's configuration.
 */
public abstract class ClientCommand implements Callable<Integer> {
  @Option(names = "--server", paramLabel = "URL",
      description = "The Berth server (default: BERTH_SERVER, the one you signed in to, or " + ClientContext.DEFAULT_SERVER + ").")
  String server;

  @Override
  public final Integer call() {
    ClientContext ctx = new ClientContext(System.getenv(), server, System.out, System.err, Clock.systemUTC(),
        Terminal.detect(System.getenv()));
    try {
      return run(ctx);
    } catch (CliFailure e) {
      ctx.out().flush();
      ctx.err().println("berth: " + e.getMessage());
      return e.exitCode();
    } catch (RuntimeException e) {
      ctx.out().flush();
      ctx.err().println("berth: unexpected error: " + e);
      return ExitCodes.ERROR;
    }
  }

  protected abstract int run(ClientContext ctx);
}
