package dev.berth.web;

import dev.berth.testkit.PluginJarBuilder;
import java.nio.file.Path;

/**
 * Builds a real third-party plugin jar at test time, as a lab would: a LIFO QueueOrder compiled
 * against plugin-api with pf4j's annotation processor, and the PF4J manifest.
 */
final class TestPluginJar {
  private TestPluginJar() {}

  private static final String SOURCE = """
      package com.example.%1$s;

      import dev.berth.api.Job;
      import dev.berth.api.PluginContext;
      import dev.berth.api.QueueOrder;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      import org.pf4j.Extension;

      /** Newest first. */
      @Extension
      public final class LifoOrder implements QueueOrder {
        public LifoOrder(PluginContext context) {}

        @Override
        public List<Job> order(List<Job> queued) {
          List<Job> out = new ArrayList<>(queued);
          Collections.reverse(out);
          return out;
        }
      }
      """;

  /** A plugin class whose start fails, as one does when its own configuration is wrong. */
  private static final String FAILING_PLUGIN = """
      package com.example.%1$s;

      import org.pf4j.Plugin;

      public final class BrokenStart extends Plugin {
        @Override
        public void start() {
          throw new IllegalStateException("the example plugin refuses to start");
        }
      }
      """;

  /** Writes {@code <dir>/<pluginId>-1.0.0.jar}; the id must be a Java identifier part too. */
  static Path build(Path dir, String pluginId) {
    return build(dir, pluginId, false);
  }

  /** The same plugin, with a plugin class whose {@code start()} throws. */
  static Path buildFailingOnStart(Path dir, String pluginId) {
    return build(dir, pluginId, true);
  }

  private static Path build(Path dir, String pluginId, boolean failOnStart) {
    String pkg = pluginId.replaceAll("[^A-Za-z0-9]", "");
    PluginJarBuilder jar = new PluginJarBuilder(pluginId, "1.0.0")
        .source("com.example." + pkg + ".LifoOrder", SOURCE.formatted(pkg))
        .source("com.example." + pkg + ".BrokenStart", FAILING_PLUGIN.formatted(pkg))
        .manifest("Plugin-Description", "Runs the newest job first");
    if (failOnStart) {
      jar.manifest("Plugin-Class", "com.example." + pkg + ".BrokenStart");
    }
    return jar.build(dir);
  }
}
