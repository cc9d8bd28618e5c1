package dev.berth.sim;

import dev.berth.core.cli.LauncherCommand;

/** Registers {@code berth simulate} with the launcher (META-INF/services). */
public final class SimulateLauncherCommand implements LauncherCommand {
  @Override
  public String name() {
    return "simulate";
  }

  @Override
  public Object command() {
    return new SimulateCommand();
  }
}
