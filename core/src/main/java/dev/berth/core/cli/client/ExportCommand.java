package dev.berth.core.cli.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth export}: the finished jobs of a recent window as JSON lines (admin), for {@code
 * berth simulate --format berth}: "what if we had used fair share last month?".
 */
@Command(name = "export", description = "Print finished jobs as JSON lines for berth simulate --format berth (admin).")
public final class ExportCommand extends ClientCommand {
  @Option(names = "--since", paramLabel = "DURATION", defaultValue = "30d",
      description = "How far back, such as 12h, 30d or 2w (default: ${DEFAULT-VALUE}).")
  String since;

  @Override
  protected int run(ClientContext ctx) {
    Durations.parse("--since", since); // the usage line here rather than a 400 from the server
    ApiClient api = ctx.api();
    ctx.out().print(api.getText("/api/v1/jobs/export?since=" + URLEncoder.encode(since.trim(), StandardCharsets.UTF_8)));
    ctx.out().flush();
    return ExitCodes.OK;
  }
}
