package dev.berth.web.pages;

import dev.berth.core.host.PluginHost;
import dev.berth.core.host.PluginInfo;
import dev.berth.web.view.Layout;
import dev.berth.web.view.PluginsPage;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.notify.ListenerHealth;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the plugins page: every plugin, its extensions, and how to put an idle one to use. */
final class PluginViews {
  /** The config key that chooses each point's extensions, and whether it takes a list. */
  private static final Map<String, String> KEYS = Map.of(
      "QueueStore", "extensions.store",
      "JobExecutor", "extensions.executor",
      "ResourceProbe", "extensions.probe",
      "QueueOrder", "extensions.order",
      "AvailabilityPolicy", "extensions.policies",
      "JobListener", "extensions.listeners");

  private final PluginHost plugins;
  private final ListenerDelivery notifications;

  PluginViews(PluginHost plugins, ListenerDelivery notifications) {
    this.plugins = plugins;
    this.notifications = notifications;
  }

  PluginsPage page(Layout layout, String uploadError, long maxBytes) {
    Map<String, ListenerHealth> health = new HashMap<>();
    if (notifications != null) {
      notifications.health().forEach(h -> health.put(h.listener(), h));
    }
    List<PluginsPage.Plugin> rows = plugins.plugins().stream().map(p -> plugin(p, health.get(p.id()))).toList();
    return new PluginsPage(layout, rows, uploadError, (maxBytes / (1024 * 1024)) + " MiB");
  }

  private static PluginsPage.Plugin plugin(PluginInfo p, ListenerHealth health) {
    List<PluginsPage.Extension> extensions = p.extensions().stream()
        .map(e -> new PluginsPage.Extension(e.point(), e.className(), e.active(), e.active() ? "" : note(p.id(), e.point())))
        .toList();
    return new PluginsPage.Plugin(p.id(), nz(p.version()), nz(p.provider()), nz(p.description()), p.state(), p.error(),
        nz(p.path()), extensions, health == null ? null : delivery(health));
  }

  private static PluginsPage.Delivery delivery(ListenerHealth h) {
    return new PluginsPage.Delivery(h.delivered(), h.failed(), h.lastError(),
        h.lastErrorAt() == null ? "" : h.lastErrorAt().truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** The parts run with what was chosen at start, so switching always takes a restart. */
  static String note(String pluginId, String point) {
    String key = KEYS.get(point);
    if (key == null) {
      return "takes effect after restart";
    }
    boolean list = key.endsWith("policies") || key.endsWith("listeners");
    return (list ? "add " + pluginId + " to " + key : "set " + key + ": " + pluginId) + " in berth.yaml; takes effect after restart";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
