package dev.berth.web.view;

import java.util.List;

/** The audit log: admin actions and cancels of others' jobs, newest first. */
public record AuditPage(Layout layout, List<Entry> entries, boolean stored) {

  /** One entry. */
  public record Entry(String at, String atIso, String actor, String action, String target, String detail) {}
}
