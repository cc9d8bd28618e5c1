package dev.berth.core.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth help [COMMAND | exit-codes]}: a command's usage, or the exit codes of the client commands. */
@Command(name = "help", description = "Show a command's usage, or `berth help exit-codes`.")
public final class HelpTopicsCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "A command, or exit-codes.")
  String topic;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    CommandLine root = spec.root().commandLine();
    if (topic == null) {
      root.usage(System.out);
    } else if (topic.equals("exit-codes")) {
      System.out.print(ExitCodes.TABLE);
    } else if (root.getSubcommands().containsKey(topic)) {
      root.getSubcommands().get(topic).usage(System.out);
    } else {
      throw new CommandLine.ParameterException(spec.commandLine(), "no command or topic '" + topic
          + "'; try berth help, or berth help exit-codes");
    }
  }
}
