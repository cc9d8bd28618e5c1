package dev.berth.executor.local;

import dev.berth.api.ExecutionException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces <code>${name}</code> inside one argument. <code>$${</code> stands for a literal <code>${
 * </code>, so a template can still hand shell syntax such as <code>$${HOME}</code> to a {@code bash
 * -c} argument.
 */
final class Placeholders {
  private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

  private Placeholders() {}

  /**
   * The text with every placeholder replaced by its value.
   *
   * @throws ExecutionException naming the placeholder when {@code values} has no value for it
   */
  static String substitute(String text, Map<String, String> values) {
    Matcher m = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "${";
      } else {
        replacement = values.get(m.group(1));
        if (replacement == null) {
          throw new ExecutionException(
              "unknown placeholder ${" + m.group(1) + "} in '" + text + "'");
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The placeholder names {@code text} refers to, in order of appearance. */
  static Set<String> names(String text) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (m.group(1) != null) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
