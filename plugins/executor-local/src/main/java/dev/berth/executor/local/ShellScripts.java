package dev.berth.executor.local;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds placeholders that a template puts inside a shell's {@code -c} script. There a job value
 * becomes code: {@code seconds} = {@code 1$(id)} runs {@code id}. The safe forms pass the value as
 * an argument after the script ({@code "$1"}) or read it from {@code $BERTH_PARAM_<NAME>}.
 */
final class ShellScripts {
  private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh");

  /** A short option cluster that holds {@code c}, such as {@code -c}, {@code -ec} or {@code -lc}. */
  private static final Pattern COMMAND_OPTION = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");

  private ShellScripts() {}

  /** The placeholders of {@code argv} that a shell would parse as part of its script. */
  static Set<String> placeholdersParsedByAShell(List<String> argv) {
    Set<String> found = new LinkedHashSet<>();
    for (int i = 0; i < argv.size(); i++) {
      if (!isShell(argv.get(i))) {
        continue;
      }
      // The script is the first operand after the options, one of which is -c.
      int at = i + 1;
      boolean command = false;
      while (at < argv.size() && argv.get(at).startsWith("-")) {
        command |= COMMAND_OPTION.matcher(argv.get(at)).matches();
        at++;
      }
      if (command && at < argv.size()) {
        found.addAll(Placeholders.names(argv.get(at)));
      }
    }
    return found;
  }

  private static boolean isShell(String element) {
    String name = element.substring(element.lastIndexOf('/') + 1);
    return SHELLS.contains(name);
  }
}
