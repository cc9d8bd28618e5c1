package dev.berth.core.cli.client;

import java.util.Iterator;
import java.util.Map;

/** Reads and writes JSON text (RFC 8259) for {@link Node}: strict, small, no reflection. */
public final class JsonText {
  private final String s;
  private int i;

  private JsonText(String s) {
    this.s = s;
  }

  /** @throws IllegalArgumentException when the text is not one JSON value */
  public static Node parse(String text) {
    JsonText p = new JsonText(text);
    p.space();
    Node v = p.value();
    p.space();
    if (p.i != p.s.length()) {
      throw p.error("text after the value");
    }
    return v;
  }

  private Node value() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return Node.text(string());
      case 't':
        return literal("true", Node.TRUE);
      case 'f':
        return literal("false", Node.FALSE);
      case 'n':
        return literal("null", Node.NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "'");
    }
  }

  private Node object() {
    Node o = Node.object();
    i++;
    space();
    if (peek('}')) {
      i++;
      return o;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("expected a field name");
      }
      String k = string();
      space();
      expect(':');
      space();
      o.fieldMap().put(k, value());
      space();
      if (peek(',')) {
        i++;
        continue;
      }
      expect('}');
      return o;
    }
  }

  private Node array() {
    Node a = Node.array();
    i++;
    space();
    if (peek(']')) {
      i++;
      return a;
    }
    while (true) {
      space();
      a.add(value());
      space();
      if (peek(',')) {
        i++;
        continue;
      }
      expect(']');
      return a;
    }
  }

  private String string() {
    i++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("short \\u escape");
          }
          out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw error("bad escape \\" + e);
      }
    }
  }

  private Node number() {
    int start = i;
    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    String digits = s.substring(start, i);
    try {
      Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      throw error("bad number " + digits);
    }
    return Node.numberText(digits);
  }

  private Node literal(String word, Node v) {
    if (!s.startsWith(word, i)) {
      throw error("unexpected text");
    }
    i += word.length();
    return v;
  }

  private boolean peek(char c) {
    return i < s.length() && s.charAt(i) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private void space() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
      i++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at character " + i + ": " + what);
  }

  /** @param indent spaces per level, or -1 for compact */
  static void write(Node n, StringBuilder out, int indent, int depth) {
    switch (n.kind()) {
      case OBJECT -> {
        if (n.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        Iterator<Map.Entry<String, Node>> it = n.fieldMap().entrySet().iterator();
        while (it.hasNext()) {
          Map.Entry<String, Node> f = it.next();
          newline(out, indent, depth + 1);
          quote(f.getKey(), out);
          out.append(indent < 0 ? ":" : ": ");
          write(f.getValue(), out, indent, depth + 1);
          if (it.hasNext()) {
            out.append(',');
          }
        }
        newline(out, indent, depth);
        out.append('}');
      }
      case ARRAY -> {
        if (n.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        Iterator<Node> it = n.itemList().iterator();
        while (it.hasNext()) {
          newline(out, indent, depth + 1);
          write(it.next(), out, indent, depth + 1);
          if (it.hasNext()) {
            out.append(',');
          }
        }
        newline(out, indent, depth);
        out.append(']');
      }
      case STRING -> quote(n.scalar(), out);
      case NUMBER, BOOLEAN -> out.append(n.scalar());
      default -> out.append("null");
    }
  }

  private static void newline(StringBuilder out, int indent, int depth) {
    if (indent >= 0) {
      out.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static void quote(String v, StringBuilder out) {
    out.append('"');
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
