package dev.berth.web.view;

import dev.berth.web.support.Flash;

/**
 * What the shared layout shows around every page.
 *
 * @param title the page title, also the first heading
 * @param nav which navigation entry is current: {@code queue}, {@code submit}, {@code resources},
 *     {@code settings}, {@code plugins}, or empty
 * @param flash a one-time message, or null
 * @param liveTopics the server-sent event topics the page listens to (comma-separated), or empty
 *     for a page that does not update itself
 * @param user who is signed in, or null
 * @param admin whether they are an administrator (the admin links show only then)
 * @param csrf the token every state-changing form and htmx request sends back
 */
public record Layout(String title, String nav, Flash flash, String version, String liveTopics, String user, boolean admin,
    String csrf) {

  /** Whether someone is signed in: the navigation then names them and offers sign-out. */
  public boolean signedIn() {
    return user != null;
  }

  public boolean live() {
    return liveTopics != null && !liveTopics.isEmpty();
  }

  public String eventsUrl() {
    return "/ui/events?topics=" + liveTopics;
  }

  public boolean current(String entry) {
    return entry.equals(nav);
  }
}
