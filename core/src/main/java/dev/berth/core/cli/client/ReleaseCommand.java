package dev.berth.core.cli.client;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth release ID…}: lets held jobs go, back to the place their submission time gives them. */
@Command(name = "release", description = "Release held jobs: queued again at their old place.")
public final class ReleaseCommand extends JobActionCommand {
  @Parameters(arity = "1..*", paramLabel = "ID", description = "The job ids.")
  List<String> ids;

  @Override
  protected int run(ClientContext ctx) {
    return each(ctx, ids);
  }

  @Override
  String verb() {
    return "release";
  }

  @Override
  String done(String id) {
    return "released job " + id;
  }
}
