package dev.berth.notify.webhook;

import java.net.URI;
import java.util.Set;

/**
 * One configured receiver.
 *
 * @param name how logs, errors and the plugins page call it: never the URL, which may hold a token
 *     (a Slack hook's path is its secret)
 * @param secret the HMAC key; never logged or shown
 */
record Endpoint(String name, URI url, byte[] secret, Format format, Set<String> events) {

  enum Format {
    JSON,
    SLACK
  }

  boolean wants(String event) {
    return events.contains(event);
  }

  @Override
  public String toString() {
    return "Endpoint[" + name + ", " + format + ", " + events + "]";
  }
}
