package dev.berth.bench.infra;

import java.util.Locale;

/** The two bundled queue stores a benchmark runs against. */
public enum StoreKind {
  SQLITE,
  REDIS;

  /** The plugin id, as {@code extensions.store} names it. */
  public String pluginId() {
    return name().toLowerCase(Locale.ROOT);
  }
}
