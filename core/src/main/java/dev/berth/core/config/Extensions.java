package dev.berth.core.config;

import java.util.List;

/** Which plugin id provides each extension point ({@code extensions:} in the config file). */
public record Extensions(
    String store, String executor, String probe, List<String> policies, String order, List<String> listeners) {
  public Extensions {
    policies = List.copyOf(policies);
    listeners = List.copyOf(listeners);
  }
}
