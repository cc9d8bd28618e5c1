package dev.berth.core.cli;

import dev.berth.core.cli.client.ArrayCommand;
import dev.berth.core.cli.client.CancelCommand;
import dev.berth.core.cli.client.HoldCommand;
import dev.berth.core.cli.client.ReleaseCommand;
import dev.berth.core.cli.client.ResubmitCommand;
import dev.berth.core.cli.client.CompletionCommand;
import dev.berth.core.cli.client.ExportCommand;
import dev.berth.core.cli.client.GpusCommand;
import dev.berth.core.cli.client.HelpTopicsCommand;
import dev.berth.core.cli.client.HistoryCommand;
import dev.berth.core.cli.client.LoginCommand;
import dev.berth.core.cli.client.LogoutCommand;
import dev.berth.core.cli.client.LogsCommand;
import dev.berth.core.cli.client.QueueCommand;
import dev.berth.core.cli.client.ShowCommand;
import dev.berth.core.cli.client.SubmitCommand;
import dev.berth.core.cli.client.WhoamiCommand;
import dev.berth.core.cli.client.WhyCommand;
import dev.berth.core.host.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth}: the command line entry point. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = Launcher.VersionProvider.class,
    description = "A GPU job queue for teams that share GPUs.",
    subcommands = {ServeCommand.class, PluginsCommand.class, MonitorCommand.class, RenderCommand.class,
        ArgoCommand.class,
        // Client commands: they talk to a server over the REST API only (docs/cli.md).
        LoginCommand.class, LogoutCommand.class, WhoamiCommand.class, SubmitCommand.class, QueueCommand.class,
        ShowCommand.class, WhyCommand.class, LogsCommand.class, CancelCommand.class, HoldCommand.class,
        ReleaseCommand.class, ResubmitCommand.class, ArrayCommand.class, GpusCommand.class,
        HistoryCommand.class, ExportCommand.class, CompletionCommand.class, HelpTopicsCommand.class})
public final class Launcher implements Runnable {

  /** The JDK's process start mechanism, read once when the first process starts. */
  private static final String LAUNCH_MECHANISM = "jdk.lang.Process.launchMechanism";

  public static void main(String[] args) {
    // vfork starts a child without the JDK's helper executable in between, about a millisecond less
    // per job, probe and wrapper on Linux (docs/performance.md). An explicit -D setting wins.
    if (System.getProperty(LAUNCH_MECHANISM) == null && System.getProperty("os.name", "").startsWith("Linux")) {
      System.setProperty(LAUNCH_MECHANISM, "VFORK");
    }
    int code = commandLine().execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The launcher with its own subcommands and those other modules register ({@link LauncherCommand}). */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Launcher());
    for (LauncherCommand extra : ServiceLoader.load(LauncherCommand.class)) {
      cl.addSubcommand(extra.name(), extra.command());
    }
    return cl;
  }

  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /**
   * The distribution's home: the folder above {@code lib/} that holds the launcher jar, or the
   * {@code berth.home} system property.
   */
  public static Path home() {
    String prop = System.getProperty("berth.home");
    if (prop != null) {
      return Path.of(prop);
    }
    try {
      Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path lib = jar.getParent();
      return lib == null ? Path.of(".") : lib.getParent();
    } catch (Exception e) {
      return Path.of(".");
    }
  }

  /** The plugins shipped with the distribution, copied into the plugins directory at start. */
  public static Path bundledPlugins() {
    Path dir = home().resolve("plugins");
    return Files.isDirectory(dir) ? dir : null;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"berth " + Version.current()};
    }
  }
}
