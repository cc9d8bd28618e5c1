package dev.berth.bench.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Escapes the fields of a journal line so that any value, a parameter with a tab or a newline
 * included, survives one line of tab-separated fields. Null is written as a lone {@code ~}.
 */
final class JournalCodec {
  static final String NULL = "~";

  private JournalCodec() {}

  static String field(String value) {
    if (value == null) {
      return NULL;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '\t' -> out.append("%09");
        case '\n' -> out.append("%0A");
        case '\r' -> out.append("%0D");
        case '=' -> out.append("%3D");
        case '&' -> out.append("%26");
        case '~' -> out.append("%7E");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unfield(String text) {
    if (text.equals(NULL)) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '%') {
        throw new IllegalArgumentException("truncated escape in '" + text + "'");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String parameters(Map<String, String> parameters) {
    StringJoiner out = new StringJoiner("&");
    parameters.forEach((k, v) -> out.add(field(k) + "=" + field(v)));
    return out.toString();
  }

  static Map<String, String> unparameters(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("parameter without '=': '" + pair + "'");
      }
      out.put(unfield(pair.substring(0, eq)), unfield(pair.substring(eq + 1)));
    }
    return out;
  }
}
