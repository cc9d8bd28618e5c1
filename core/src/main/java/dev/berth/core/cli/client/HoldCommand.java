package dev.berth.core.cli.client;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth hold ID…}: holds queued jobs; each keeps its place until released. */
@Command(name = "hold", description = "Hold queued jobs: they keep their place and start only once released.")
public final class HoldCommand extends JobActionCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "The job ids.")
  List<String> ids;

  @Override
  protected int run(ClientContext ctx) {
    return each(ctx, ids);
  }

  @Override
  String verb() {
    return "hold";
  }

  @Override
  String done(String id) {
    return "held job " + id;
  }
}
