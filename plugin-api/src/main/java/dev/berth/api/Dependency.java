package dev.berth.api;

import java.util.Objects;

/**
 * One job another waits for, and on what end of it.
 *
 * @param job the id of the job waited for
 */
public record Dependency(String job, DependencyCondition when) {
  public Dependency {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(when, "when");
  }

  /** {@code 12:succeeded}: the form stores keep and the CLI's {@code --after} takes. */
  public String encoded() {
    return job + ":" + when.wireName();
  }

  /** The dependency of {@link #encoded()}; null when the text is not one. */
  public static Dependency decode(String text) {
    int colon = text.indexOf(':');
    String id = colon < 0 ? text : text.substring(0, colon);
    DependencyCondition when = colon < 0 ? DependencyCondition.SUCCEEDED : DependencyCondition.ofWireName(text.substring(colon + 1));
    return when == null || id.isEmpty() ? null : new Dependency(id, when);
  }
}
