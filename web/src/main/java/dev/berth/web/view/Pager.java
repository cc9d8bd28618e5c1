package dev.berth.web.view;

/**
 * Pages over the queued jobs.
 *
 * @param page 1-based
 * @param from the first position shown (1-based), 0 when nothing is shown
 * @param to the last position shown
 * @param reachable how many positions the pages reach (the ranked window), at most {@code total}
 */
public record Pager(int page, int pages, long from, long to, long total, long reachable) {

  public boolean hasPrevious() {
    return page > 1;
  }

  public boolean hasNext() {
    return page < pages;
  }

  public String previousUrl() {
    return "/?page=" + (page - 1);
  }

  public String nextUrl() {
    return "/?page=" + (page + 1);
  }

  /** True when more jobs wait than the pages can rank. */
  public boolean capped() {
    return reachable < total;
  }
}
