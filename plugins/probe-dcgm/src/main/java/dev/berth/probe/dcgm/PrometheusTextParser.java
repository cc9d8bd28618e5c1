package dev.berth.probe.dcgm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Prometheus text exposition format (version 0.0.4), which dcgm-exporter serves. No
 * library on Maven Central parses it (the Prometheus Java client only writes it), so this is a
 * small hand-written reader that follows the format's grammar rather than a regex:
 *
 * <ul>
 *   <li>{@code # HELP name text} (escapes {@code \\} and {@code \n}), {@code # TYPE name type}, and
 *       any other {@code #} line is a comment; blank lines are skipped;
 *   <li>a sample is {@code name[{label="value",…}] value [timestamp]}, with optional whitespace
 *       around braces, commas and equal signs, and an optional trailing comma;
 *   <li>label values unescape {@code \\}, {@code \"} and {@code \n};
 *   <li>values are Go floats: decimals, exponents, {@code NaN}, {@code +Inf}, {@code -Inf};
 *       timestamps are whole milliseconds.
 * </ul>
 *
 * A line that breaks the grammar is reported with its number and skipped; one bad line never costs
 * the rest of the exposition.
 */
final class PrometheusTextParser {
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");
  private static final int MAX_ERRORS = 20;
  private static final int MAX_QUOTED_LINE = 200;

  private PrometheusTextParser() {}

  static PrometheusExposition parse(String text) {
    List<PrometheusSample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> help = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    int errorCount = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      try {
        if (line.isBlank()) {
          continue;
        }
        String trimmed = line.stripLeading();
        if (trimmed.startsWith("#")) {
          readComment(trimmed, types, help);
        } else {
          samples.add(new LineReader(line).sample());
        }
      } catch (MalformedLine e) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) {
          errors.add("line " + (i + 1) + " not understood (" + e.getMessage() + "): " + shorten(line));
        }
      }
    }
    if (errorCount > errors.size()) {
      errors.add((errorCount - errors.size()) + " more lines not understood");
    }
    return new PrometheusExposition(samples, types, help, errors);
  }

  private static void readComment(String line, Map<String, String> types, Map<String, String> help)
      throws MalformedLine {
    String body = line.substring(1).stripLeading();
    boolean isHelp = body.startsWith("HELP ") || body.startsWith("HELP\t");
    boolean isType = body.startsWith("TYPE ") || body.startsWith("TYPE\t");
    if (!isHelp && !isType) {
      return; // a plain comment
    }
    String rest = body.substring(4).stripLeading();
    int end = 0;
    while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
      end++;
    }
    String name = rest.substring(0, end);
    if (!LineReader.isMetricName(name)) {
      throw new MalformedLine("bad metric name in " + (isHelp ? "HELP" : "TYPE"));
    }
    String value = rest.substring(end).stripLeading();
    if (isHelp) {
      help.put(name, unescapeHelp(value));
    } else {
      String type = value.strip();
      if (!TYPES.contains(type)) {
        throw new MalformedLine("unknown metric type '" + type + "'");
      }
      types.put(name, type);
    }
  }

  private static String unescapeHelp(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == 'n') {
          out.append('\n');
          i++;
          continue;
        }
        if (next == '\\') {
          out.append('\\');
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String shorten(String line) {
    return line.length() <= MAX_QUOTED_LINE ? line : line.substring(0, MAX_QUOTED_LINE) + "…";
  }

  /** Why a line could not be read. */
  static final class MalformedLine extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLine(String message) {
      super(message);
    }
  }

  /** Reads one sample line, character by character. */
  private static final class LineReader {
    private final String line;
    private int pos;

    LineReader(String line) {
      this.line = line;
    }

    static boolean isMetricName(String s) {
      if (s.isEmpty() || !(isLetter(s.charAt(0)) || s.charAt(0) == '_' || s.charAt(0) == ':')) {
        return false;
      }
      for (int i = 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (!(isLetter(c) || isDigit(c) || c == '_' || c == ':')) {
          return false;
        }
      }
      return true;
    }

    private static boolean isLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    PrometheusSample sample() throws MalformedLine {
      skipBlanks();
      String name = metricName();
      Map<String, String> labels = new LinkedHashMap<>();
      int afterName = pos;
      skipBlanks();
      if (peek() == '{') {
        pos++;
        labels(labels);
        afterName = pos;
        skipBlanks();
      }
      if (pos == afterName && pos < line.length()) {
        throw new MalformedLine("expected a space before the value");
      }
      String valueText = token();
      if (valueText.isEmpty()) {
        throw new MalformedLine("no value");
      }
      double value = parseValue(valueText);
      skipBlanks();
      Long timestamp = null;
      String timestampText = token();
      if (!timestampText.isEmpty()) {
        try {
          timestamp = Long.parseLong(timestampText);
        } catch (NumberFormatException e) {
          throw new MalformedLine("bad timestamp '" + timestampText + "'");
        }
      }
      skipBlanks();
      if (pos < line.length()) {
        throw new MalformedLine("unexpected text after the timestamp");
      }
      return new PrometheusSample(name, labels, value, timestamp);
    }

    private String metricName() throws MalformedLine {
      int start = pos;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (isLetter(c) || c == '_' || c == ':' || (pos > start && isDigit(c))) {
          pos++;
        } else {
          break;
        }
      }
      if (pos == start) {
        throw new MalformedLine("no metric name");
      }
      return line.substring(start, pos);
    }

    private void labels(Map<String, String> labels) throws MalformedLine {
      while (true) {
        skipBlanks();
        if (peek() == '}') {
          pos++;
          return;
        }
        String name = labelName();
        skipBlanks();
        expect('=');
        skipBlanks();
        expect('"');
        String value = quoted();
        if (labels.put(name, value) != null) {
          throw new MalformedLine("label '" + name + "' given twice");
        }
        skipBlanks();
        char c = peek();
        if (c == ',') {
          pos++;
        } else if (c != '}') {
          throw new MalformedLine("expected ',' or '}' after label '" + name + "'");
        }
      }
    }

    private String labelName() throws MalformedLine {
      int start = pos;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (isLetter(c) || c == '_' || (pos > start && isDigit(c))) {
          pos++;
        } else {
          break;
        }
      }
      if (pos == start) {
        throw new MalformedLine("bad label name");
      }
      return line.substring(start, pos);
    }

    private String quoted() throws MalformedLine {
      StringBuilder out = new StringBuilder();
      while (pos < line.length()) {
        char c = line.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          if (pos >= line.length()) {
            break;
          }
          char next = line.charAt(pos++);
          switch (next) {
            case 'n' -> out.append('\n');
            case '\\' -> out.append('\\');
            case '"' -> out.append('"');
            default -> throw new MalformedLine("bad escape '\\" + next + "' in a label value");
          }
        } else {
          out.append(c);
        }
      }
      throw new MalformedLine("unterminated label value");
    }

    private static double parseValue(String text) throws MalformedLine {
      switch (text) {
        case "+Inf", "Inf", "+inf", "inf" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-Inf", "-inf" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case "NaN", "nan" -> {
          return Double.NaN;
        }
        default -> {
          // Java also reads "Infinity", hex floats and a trailing 'd' or 'f', which Go does not.
          for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
              throw new MalformedLine("bad value '" + text + "'");
            }
          }
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new MalformedLine("bad value '" + text + "'");
          }
        }
      }
    }

    private String token() {
      int start = pos;
      while (pos < line.length() && !isBlank(line.charAt(pos))) {
        pos++;
      }
      return line.substring(start, pos);
    }

    private void expect(char c) throws MalformedLine {
      if (peek() != c) {
        throw new MalformedLine("expected '" + c + "'");
      }
      pos++;
    }

    private char peek() {
      return pos < line.length() ? line.charAt(pos) : '\0';
    }

    private void skipBlanks() {
      while (pos < line.length() && isBlank(line.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isBlank(char c) {
      return c == ' ' || c == '\t';
    }
  }
}
