package dev.berth.core.config;

import java.util.List;

/**
 * Which plugin id provides each extension point ({@code extensions:} in the config file). {@code
 * lease} is blank when this process is the only one using its store.
 */
public record Extensions(
    String store,
    String executor,
    String probe,
    List<String> policies,
    String order,
    List<String> listeners,
    String lease) {
  public Extensions {
    policies = List.copyOf(policies);
    listeners = List.copyOf(listeners);
  }
}
