package dev.berth.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.AvailabilityPolicy;
import dev.berth.api.Settings;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigLoader;
import dev.berth.core.config.ConfigException;
import dev.berth.testkit.PluginJarBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's settings section must be its plugin id; the host refuses an extension that says otherwise. */
class SettingsSectionRuleTest {
  @TempDir Path tmp;

  @Test
  void anExtensionDeclaringAnotherPluginsSectionFailsWithTheRule() {
    Path plugins = tmp.resolve("plugins");
    policyDeclaring(plugins, "hot-gpus", "thresholds");

    BerthConfig config = new ConfigLoader().load(null, Map.of(),
        Map.of("dataDir", tmp.resolve("data").toString(), "pluginsDir", plugins.toString()));
    try (PluginHost host = new PluginHost(config, Clock.systemUTC(), s -> new Settings(s, 0, Map.of()))) {
      host.loadAll();

      assertThatThrownBy(() -> host.extension(AvailabilityPolicy.class, "hot-gpus"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("declares the settings section 'thresholds', but a plugin's settings section"
              + " must be its plugin id 'hot-gpus'");
      assertThat(host.plugins()).filteredOn(p -> p.id().equals("hot-gpus")).singleElement()
          .satisfies(p -> assertThat(p.state()).isEqualTo("FAILED"));
    }
  }

  private static void policyDeclaring(Path dir, String pluginId, String section) {
    new PluginJarBuilder(pluginId, "1.0.0").source("com.example.hot.HotPolicy", """
        package com.example.hot;

        import dev.berth.api.AvailabilityPolicy;
        import dev.berth.api.AvailabilityVerdict;
        import dev.berth.api.HasSettings;
        import dev.berth.api.PluginContext;
        import dev.berth.api.ResourceSnapshot;
        import dev.berth.api.SettingsSchema;
        import java.util.List;
        import org.pf4j.Extension;

        @Extension
        public final class HotPolicy implements AvailabilityPolicy, HasSettings {
          public HotPolicy(PluginContext context) {}

          @Override
          public SettingsSchema settingsSchema() {
            return new SettingsSchema("%s", "Hot", List.of());
          }

          @Override
          public AvailabilityVerdict judge(ResourceSnapshot snapshot) {
            return new AvailabilityVerdict(List.of());
          }
        }
        """.formatted(section)).build(dir);
  }
}
