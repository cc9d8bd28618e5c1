package dev.berth.core.cli.client;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth whoami}: who the server takes you for. */
@Command(name = "whoami", description = "Show who the server takes you for.")
public final class WhoamiCommand extends ClientCommand {
  @Option(names = "--json", description = "Print the API's object.")
  boolean json;

  @Override
  protected int run(ClientContext ctx) {
    ApiClient api = ctx.api();
    Node me = api.getJson("/api/v1/me");
    if (json) {
      ctx.out().println(me.pretty());
      return ExitCodes.OK;
    }
    ctx.out().println(me.path("username").asText() + (me.path("admin").asBoolean() ? " (admin)" : "") + " at "
        + api.server() + ", signed in with " + me.path("via").asText());
    return ExitCodes.OK;
  }
}
