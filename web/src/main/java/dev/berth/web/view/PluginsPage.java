package dev.berth.web.view;

import java.util.List;

/** Every plugin with its extensions, and the form to upload one. */
public record PluginsPage(Layout layout, List<Plugin> plugins, String uploadError, String maxUpload) {

  /** One plugin as the host sees it. */
  public record Plugin(String id, String version, String provider, String description, String state, String error,
      String path, List<Extension> extensions) {
    public boolean failed() {
      return "FAILED".equals(state);
    }
  }

  /**
   * One extension.
   *
   * @param note how to put an inactive extension to use, such as {@code extensions.store: redis in
   *     berth.yaml — takes effect after restart}; empty for an active one
   */
  public record Extension(String point, String className, boolean active, String note) {}
}
