package dev.berth.core.cli.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as the client reads and writes it. The client has its own small JSON model instead
 * of Jackson because starting Jackson costs a few hundred milliseconds per command, more than the
 * whole budget of {@code berth queue} (docs/performance.md). Numbers keep their text, so {@code
 * --json} prints what the server sent. A missing field reads as {@link #MISSING}, never null.
 */
public final class Node implements Iterable<Node> {
  enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

  public static final Node NULL = new Node(Kind.NULL, null, null, null);
  public static final Node MISSING = new Node(Kind.MISSING, null, null, null);
  static final Node TRUE = new Node(Kind.BOOLEAN, "true", null, null);
  static final Node FALSE = new Node(Kind.BOOLEAN, "false", null, null);

  private final Kind kind;
  private final String scalar;
  private final Map<String, Node> fields;
  private final List<Node> items;

  private Node(Kind kind, String scalar, Map<String, Node> fields, List<Node> items) {
    this.kind = kind;
    this.scalar = scalar;
    this.fields = fields;
    this.items = items;
  }

  public static Node object() {
    return new Node(Kind.OBJECT, null, new LinkedHashMap<>(), null);
  }

  public static Node array() {
    return new Node(Kind.ARRAY, null, null, new ArrayList<>());
  }

  public static Node text(String s) {
    return s == null ? NULL : new Node(Kind.STRING, s, null, null);
  }

  public static Node number(long n) {
    return new Node(Kind.NUMBER, Long.toString(n), null, null);
  }

  static Node numberText(String digits) {
    return new Node(Kind.NUMBER, digits, null, null);
  }

  public static Node bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  Kind kind() {
    return kind;
  }

  /** The field, or {@link #MISSING}. */
  public Node path(String field) {
    Node v = fields == null ? null : fields.get(field);
    return v == null ? MISSING : v;
  }

  public boolean has(String field) {
    return fields != null && fields.containsKey(field);
  }

  public boolean hasNonNull(String field) {
    Node v = path(field);
    return !v.isNull() && !v.isMissing();
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  public boolean isMissing() {
    return kind == Kind.MISSING;
  }

  public boolean isNumber() {
    return kind == Kind.NUMBER;
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  public boolean isObject() {
    return kind == Kind.OBJECT;
  }

  public boolean isScalar() {
    return kind != Kind.OBJECT && kind != Kind.ARRAY;
  }

  /** An empty array or object (or anything that is neither). */
  public boolean isEmpty() {
    return fields != null ? fields.isEmpty() : items == null || items.isEmpty();
  }

  public int size() {
    return fields != null ? fields.size() : items == null ? 0 : items.size();
  }

  /** The text of a scalar ("" for null and missing); the JSON of an array or object. */
  public String asText() {
    return asText("");
  }

  public String asText(String fallback) {
    if (kind == Kind.NULL || kind == Kind.MISSING) {
      return fallback;
    }
    return scalar != null ? scalar : toString();
  }

  public long asLong(long fallback) {
    if (kind != Kind.NUMBER && kind != Kind.STRING) {
      return fallback;
    }
    try {
      return scalar.contains(".") || scalar.contains("e") || scalar.contains("E")
          ? (long) Double.parseDouble(scalar) : Long.parseLong(scalar);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public int asInt() {
    return (int) asLong(0);
  }

  public double asDouble() {
    try {
      return kind == Kind.NUMBER ? Double.parseDouble(scalar) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  public boolean asBoolean() {
    return kind == Kind.BOOLEAN && scalar.equals("true");
  }

  /** The elements of an array; nothing for anything else. */
  @Override
  public Iterator<Node> iterator() {
    return items == null ? Collections.emptyIterator() : items.iterator();
  }

  /** The fields of an object, in the order received. */
  public Iterable<Map.Entry<String, Node>> fields() {
    return fields == null ? List.of() : fields.entrySet();
  }

  public Node put(String field, Node value) {
    fields.put(field, value == MISSING ? NULL : value);
    return this;
  }

  public Node put(String field, String value) {
    return put(field, text(value));
  }

  public Node put(String field, long value) {
    return put(field, number(value));
  }

  public Node add(Node value) {
    items.add(value);
    return this;
  }

  /** Compact JSON. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    JsonText.write(this, out, -1, 0);
    return out.toString();
  }

  /** Indented JSON, two spaces a level. */
  public String pretty() {
    StringBuilder out = new StringBuilder();
    JsonText.write(this, out, 2, 0);
    return out.toString();
  }

  String scalar() {
    return scalar;
  }

  Map<String, Node> fieldMap() {
    return fields;
  }

  List<Node> itemList() {
    return items;
  }
}
