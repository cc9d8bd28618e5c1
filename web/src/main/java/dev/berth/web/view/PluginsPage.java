package dev.berth.web.view;

import java.util.List;

/** Every plugin with its extensions, and the form to upload one. */
public record PluginsPage(Layout layout, List<Plugin> plugins, String uploadError, String maxUpload) {

  /** One plugin as the host sees it. */
  public record Plugin(String id, String version, String provider, String description, String state, String error,
      String path, List<Extension> extensions, Delivery delivery) {
    public boolean failed() {
      return "FAILED".equals(state);
    }
  }

  /**
   * How an active listener's deliveries went; null for other plugins.
   *
   * @param failed events given up after every retry, or dropped because the queue was full
   * @param lastErrorAt ISO-8601, empty when nothing failed
   */
  public record Delivery(long delivered, long failed, String lastError, String lastErrorAt) {}

  /**
   * One extension.
   *
   * @param note how to put an inactive extension to use, such as {@code extensions.store: redis in
   *     berth.yaml — takes effect after restart}; empty for an active one
   */
  public record Extension(String point, String className, boolean active, String note) {}
}
