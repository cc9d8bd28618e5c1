package dev.berth.core.cli;

import dev.berth.core.config.BerthConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code berth argo}: the spelling {@code berth argo render} had before any executor could render.
 * Kept for the scripts and docs that use it; it is {@code berth render --executor argo}.
 */
@Command(
    name = "argo",
    mixinStandardHelpOptions = true,
    description = "The old name of `berth render --executor argo`.",
    subcommands = {ArgoCommand.Render.class})
final class ArgoCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** {@code berth argo render}: {@code berth render} with the argo plugin unless told otherwise. */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = "Print the Argo Workflow a job would be submitted as (YAML); the same as `berth render --executor argo`.")
  static final class Render extends RenderCommand {
    @Override
    String executorId(BerthConfig config) {
      return executorId != null ? executorId : "argo";
    }
  }
}
