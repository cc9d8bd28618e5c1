package dev.berth.store.redis;

import java.util.Objects;

/**
 * A password that never shows up in logs, exception messages or {@code toString()}: only {@link
 * #reveal()} gives the text, and only the connection factory calls it.
 */
final class Secret {
  private final String value;

  Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "(hidden)";
  }
}
