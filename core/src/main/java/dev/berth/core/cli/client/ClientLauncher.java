package dev.berth.core.cli.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The client commands alone, for the launcher scripts' fast path: this class and the commands need
 * only the core jar and picocli on the class path, so {@code berth queue} starts a small JVM (with
 * the class data sharing archive built with the distribution) and never touches Javalin, Jackson
 * or the plugins. {@code dev.berth.core.cli.Launcher} offers the same commands next to the server's.
 */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    description = "Berth's client commands (berth help for all of them).",
    subcommands = {LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, SubmitCommand.class,
        QueueCommand.class, ShowCommand.class, WhyCommand.class, LogsCommand.class, CancelCommand.class, HoldCommand.class,
        ReleaseCommand.class, ResubmitCommand.class, ArrayCommand.class,
        GpusCommand.class, HistoryCommand.class, CompletionCommand.class, HelpTopicsCommand.class})
public final class ClientLauncher implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a client command line and answers its exit code. */
  static int run(String[] args) {
    Object one = args.length > 0 ? single(args[0]) : null;
    String[] rest = one == null ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
    // The plain cases need no picocli at all (FastArgs says why); the rest get its messages.
    if (one instanceof ClientCommand command && FastArgs.fill(command, rest)) {
      return command.call();
    }
    return commandLine(args).execute(rest);
  }

  /**
   * Only the command asked for, when it is one that needs no sibling: picocli reads the annotations
   * of every command it is given, and one command instead of thirteen is a good part of the start.
   */
  static CommandLine commandLine(String[] args) {
    Object one = args.length > 0 ? single(args[0]) : null;
    if (one == null) {
      return new CommandLine(new ClientLauncher());
    }
    CommandLine cl = new CommandLine(one);
    cl.setCommandName("berth " + args[0]);
    return cl;
  }

  private static Object single(String name) {
    return switch (name) {
      case "login" -> new LoginCommand();
      case "logout" -> new LogoutCommand();
      case "whoami" -> new WhoamiCommand();
      case "submit" -> new SubmitCommand();
      case "queue" -> new QueueCommand();
      case "show" -> new ShowCommand();
      case "why" -> new WhyCommand();
      case "logs" -> new LogsCommand();
      case "cancel" -> new CancelCommand();
      case "gpus" -> new GpusCommand();
      case "history" -> new HistoryCommand();
      default -> null; // help and completion need the whole tree
    };
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
