package dev.berth.core.cli.client;

import java.util.Map;

/**
 * Whether to colour the output and how wide a line may be: colour only on a terminal and never
 * with {@code NO_COLOR} set (https://no-color.org); the width from {@code COLUMNS}, else 80.
 */
public record Terminal(boolean colour, int width) {
  private static final String RESET = "\u001b[0m";

  public static Terminal detect(Map<String, String> env) {
    String noColor = env.get("NO_COLOR");
    boolean tty = System.console() != null;
    int width = 80;
    try {
      String cols = env.get("COLUMNS");
      if (cols != null) {
        width = Math.max(40, Integer.parseInt(cols.trim()));
      }
    } catch (NumberFormatException e) {
      // keep 80
    }
    return new Terminal(tty && (noColor == null || noColor.isEmpty()), width);
  }

  /** {@code text} in the colour of a job state (or another status word). */
  public String state(String state, String text) {
    if (!colour || state == null) {
      return text;
    }
    String code = switch (state) {
      case "RUNNING", "COMPLETED", "ok" -> "32";
      case "QUEUED", "SCHEDULED" -> "33";
      case "FAILED", "TIMED_OUT", "blocked" -> "31";
      case "CANCELLED" -> "35";
      case "HELD" -> "36";
      default -> null;
    };
    return code == null ? text : "\u001b[" + code + "m" + text + RESET;
  }

  public String dim(String text) {
    return colour ? "\u001b[2m" + text + RESET : text;
  }

  public String bold(String text) {
    return colour ? "\u001b[1m" + text + RESET : text;
  }
}
