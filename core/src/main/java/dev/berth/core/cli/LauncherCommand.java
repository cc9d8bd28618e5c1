package dev.berth.core.cli;

import java.util.ServiceLoader;

/**
 * A subcommand that another module adds to {@code berth} without core depending on it (the
 * simulator's {@code berth simulate}). Implementations are found with {@link ServiceLoader} on the
 * launcher's class path ({@code lib/}) and registered in {@code META-INF/services}; a module that is
 * not shipped simply adds nothing.
 */
public interface LauncherCommand {
  /** The subcommand's name, as typed after {@code berth}. */
  String name();

  /** A fresh picocli command object (annotated with {@code @Command}) for one command line. */
  Object command();
}
