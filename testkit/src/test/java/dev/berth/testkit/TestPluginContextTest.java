package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.SettingDescriptor;
import dev.berth.api.SettingsSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The context behaves as the host does once the plugin's settings are declared. */
class TestPluginContextTest {

  private static final SettingsSchema SCHEMA =
      new SettingsSchema(
          "my-policy",
          "My policy",
          List.of(
              SettingDescriptor.integer("reservedGpu", 0, 0, 64, "The GPU kept free."),
              SettingDescriptor.choice("mode", "soft", List.of("soft", "hard"), "How strictly.")));

  @TempDir Path dir;

  private TestPluginContext context() {
    return new TestPluginContext("my-policy", Map.of(), new SettableClock(), dir);
  }

  @Test
  void declaredSettingsHaveTheirDefaults() {
    TestPluginContext context = context().declare(SCHEMA);

    assertThat(context.settings().values()).isEqualTo(Map.of("reservedGpu", "0", "mode", "soft"));
  }

  @Test
  void changesAreNormalisedAndMergedAsTheHostDoes() {
    TestPluginContext context = context().declare(SCHEMA);

    context.withSettings(Map.of("reservedGpu", 3.0));
    context.withSettings(Map.of("mode", "hard"));

    assertThat(context.settings().values()).isEqualTo(Map.of("reservedGpu", "3", "mode", "hard"));
    assertThat(context.settings().version()).isEqualTo(2);
  }

  @Test
  void aBadChangeIsRefusedWholeWithTheHostsMessages() {
    TestPluginContext context = context().declare(SCHEMA);

    Map<String, Object> change = new LinkedHashMap<>();
    change.put("reservedGpu", "65");
    change.put("mode", "loud");
    change.put("colour", "red");

    assertThatThrownBy(() -> context.withSettings(change))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("settings my-policy refused: reservedGpu must be between 0 and 64, was 65; "
            + "mode must be one of soft, hard, was 'loud'; colour unknown setting; known: reservedGpu, mode");
    assertThat(context.settings().values()).containsEntry("reservedGpu", "0");
  }

  @Test
  void aSectionThatIsNotThePluginIdIsRefusedAsTheHostRefusesIt() {
    SettingsSchema other = new SettingsSchema("thresholds", "Other", List.of());

    assertThatThrownBy(() -> context().declare(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plugin my-policy declares the settings section 'thresholds', but a plugin's settings"
            + " section must be its plugin id 'my-policy'");
  }

  @Test
  void withoutASchemaValuesAreStoredAsGiven() {
    TestPluginContext context = context().withSettings(Map.of("anything", "lots"));

    assertThat(context.settings().values()).isEqualTo(Map.of("anything", "lots"));
  }
}
