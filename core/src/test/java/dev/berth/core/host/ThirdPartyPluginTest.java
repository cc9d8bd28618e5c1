package dev.berth.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.Job;
import dev.berth.api.QueueOrder;
import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigException;
import dev.berth.core.config.ConfigLoader;
import dev.berth.testkit.JobBuilder;
import dev.berth.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third party builds a plugin against plugin-api alone — here compiled at test time with pf4j's
 * annotation processor — drops the jar into the plugins directory, and Berth loads it.
 */
class ThirdPartyPluginTest {
  @TempDir Path tmp;

  private static final String SOURCE = """
      package com.example.lifo;

      import dev.berth.api.Job;
      import dev.berth.api.PluginContext;
      import dev.berth.api.QueueOrder;
      import java.util.ArrayList;
      import java.util.Collections;
      import java.util.List;
      import org.pf4j.Extension;

      @Extension
      public final class LifoOrder implements QueueOrder {
        private final PluginContext context;

        public LifoOrder(PluginContext context) {
          this.context = context;
        }

        @Override
        public List<Job> order(List<Job> queued) {
          if (!context.pluginId().equals("lifo")) {
            throw new IllegalStateException("wrong context " + context.pluginId());
          }
          List<Job> out = new ArrayList<>(queued);
          Collections.reverse(out);
          return out;
        }
      }
      """;

  @Test
  void loadsAPluginJarBuiltAgainstThePluginApiAlone() throws Exception {
    Path pluginsDir = tmp.resolve("plugins");
    Files.createDirectories(pluginsDir);
    buildPluginJar(pluginsDir.resolve("lifo-1.0.0.jar"), "lifo");

    try (PluginHost host = new PluginHost(config(pluginsDir), Clock.systemUTC(), s -> new Settings(s, 0, Map.of()))) {
      host.loadAll();
      assertThat(host.plugins())
          .singleElement()
          .satisfies(p -> {
            assertThat(p.id()).isEqualTo("lifo");
            assertThat(p.state()).isEqualTo("STARTED");
            assertThat(p.extensions()).extracting(PluginInfo.ExtensionInfo::point).containsExactly("QueueOrder");
          });
      QueueOrder order = host.extension(QueueOrder.class, "lifo");
      assertThat(order.order(List.of(job("1"), job("2"), job("3")))).extracting(Job::id).containsExactly("3", "2", "1");
      assertThat(order.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
    }
  }

  @Test
  void aBrokenJarIsReportedAndTheOthersStillLoad() throws Exception {
    Path pluginsDir = tmp.resolve("plugins");
    Files.createDirectories(pluginsDir);
    buildPluginJar(pluginsDir.resolve("lifo-1.0.0.jar"), "lifo");
    Files.writeString(pluginsDir.resolve("broken.jar"), "this is not a zip file");

    try (PluginHost host = new PluginHost(config(pluginsDir), Clock.systemUTC(), s -> new Settings(s, 0, Map.of()))) {
      host.loadAll();
      assertThat(host.plugins()).extracting(PluginInfo::id, PluginInfo::state)
          .contains(org.assertj.core.groups.Tuple.tuple("lifo", "STARTED"), org.assertj.core.groups.Tuple.tuple("broken.jar", "FAILED"));
      assertThatThrownBy(() -> host.extension(QueueOrder.class, "fifo"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("no plugin 'fifo' provides QueueOrder")
          .hasMessageContaining("candidates: lifo");
    }
  }

  private BerthConfig config(Path pluginsDir) {
    return new ConfigLoader().load(null, Map.of(),
        Map.of("dataDir", tmp.resolve("data").toString(), "pluginsDir", pluginsDir.toString()));
  }

  private static Job job(String id) {
    return JobBuilder.job(id).name("j" + id).build();
  }

  private void buildPluginJar(Path jar, String pluginId) {
    Path built = new PluginJarBuilder(pluginId, "1.0.0").source("com.example.lifo.LifoOrder", SOURCE).build(jar.getParent());
    assertThat(built).isEqualTo(jar);
  }
}
