package dev.berth.core.cli.client;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A plain-text table that fits a terminal's width: each column is as wide as its widest cell up to
 * its cap, the last column takes what is left, and longer cells are cut with "…". Colour is put
 * on after padding, so escape codes never break the alignment.
 */
public final class Table {
  /** A column: its heading, the most characters it may take, and whether it is right-aligned. */
  public record Column(String heading, int max, boolean right) {}

  private final List<Column> columns;
  private record Row(String[] cells, int paintColumn, UnaryOperator<String> paint) {}

  private final List<Row> rows = new ArrayList<>();

  public Table(List<Column> columns) {
    this.columns = columns;
  }

  /** @param paint colours the padded cell of {@code paintColumn}, or null for none */
  public void add(String[] cells, int paintColumn, UnaryOperator<String> paint) {
    rows.add(new Row(cells, paintColumn, paint));
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public String render(int width) {
    int n = columns.size();
    int[] w = new int[n];
    for (int c = 0; c < n; c++) {
      w[c] = columns.get(c).heading().length();
      for (Row r : rows) {
        w[c] = Math.max(w[c], length(r.cells()[c]));
      }
      w[c] = Math.min(w[c], Math.max(columns.get(c).max(), columns.get(c).heading().length()));
    }
    int used = n - 1;
    for (int c = 0; c < n - 1; c++) {
      used += w[c];
    }
    w[n - 1] = Math.max(columns.get(n - 1).heading().length(), Math.min(w[n - 1], width - used));
    StringBuilder out = new StringBuilder();
    line(out, columns.stream().map(Column::heading).toArray(String[]::new), w, -1, null);
    for (Row r : rows) {
      line(out, r.cells(), w, r.paintColumn(), r.paint());
    }
    return out.toString();
  }

  private void line(StringBuilder out, String[] cells, int[] w, int paintColumn, UnaryOperator<String> paint) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.length; c++) {
      String cell = fit(cells[c] == null ? "" : cells[c], w[c]);
      boolean last = c == cells.length - 1;
      String padded = columns.get(c).right() ? " ".repeat(w[c] - cell.length()) + cell
          : last ? cell : cell + " ".repeat(w[c] - cell.length());
      line.append(c == paintColumn && paint != null ? paint.apply(padded) : padded);
      if (!last) {
        line.append(' ');
      }
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  static String fit(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    return width <= 1 ? s.substring(0, width) : s.substring(0, width - 1) + "…";
  }
}
