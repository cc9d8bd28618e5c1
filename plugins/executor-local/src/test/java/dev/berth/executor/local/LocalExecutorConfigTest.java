package dev.berth.executor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.api.JobTemplate;
import dev.berth.api.ParameterKind;
import dev.berth.api.PluginConfig;
import dev.berth.api.TemplateParameter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalExecutorConfigTest {
  private final Path dataDir = Path.of("/var/lib/berth/local");

  @Test
  void defaultsGiveTheDemoTemplateTenSecondsOfGraceAndAWorkRootInTheDataDir() {
    LocalExecutorConfig config = read(Map.of());

    assertThat(config.workRoot()).isEqualTo(dataDir.resolve("work"));
    assertThat(config.killGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.templates()).containsOnlyKeys("demo");
    assertThat(config.templates().get("demo").descriptor().parameters())
        .containsExactly(
            new TemplateParameter(
                "seconds", ParameterKind.TEXT, false, "5", "How many seconds to run."));
  }

  @Test
  void readsTemplatesInOrderWithTheirParameters() {
    LocalExecutorConfig config =
        read(
            Map.of(
                "workRoot", "/srv/work",
                "killGraceSeconds", "3",
                "templates",
                    Map.of(
                        "train",
                        Map.of(
                            "command",
                            List.of("python", "train.py", "${config-file}"),
                            "description",
                            "Trains",
                            "workDir",
                            "runs/${work-dir}",
                            "parameters",
                            Map.of(
                                "config-file",
                                Map.of("required", true, "kind", "path", "description", "Config"),
                                "work-dir",
                                Map.of("kind", "relative-path", "default", "scratch"))))));

    CommandTemplate train = config.templates().get("train");
    assertThat(config.workRoot()).isEqualTo(Path.of("/srv/work"));
    assertThat(config.killGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(train.command()).containsExactly("python", "train.py", "${config-file}");
    assertThat(train.workDir()).isEqualTo("runs/${work-dir}");
    JobTemplate descriptor = train.descriptor();
    assertThat(descriptor.description()).isEqualTo("Trains");
    assertThat(descriptor.parameters())
        .containsExactlyInAnyOrder(
            new TemplateParameter("config-file", ParameterKind.PATH, true, null, "Config"),
            new TemplateParameter("work-dir", ParameterKind.RELATIVE_PATH, false, "scratch", ""));
  }

  @Test
  void placeholdersNamingNoParameterAreReported() {
    LocalExecutorConfig config =
        read(
            Map.of(
                "templates",
                Map.of(
                    "t",
                    Map.of(
                        "command", List.of("run", "${job.id}", "${known}", "${typo}"),
                        "workDir", "${other}",
                        "parameters", Map.of("known", Map.of())))));

    assertThat(config.templates().get("t").undeclaredPlaceholders())
        .containsExactly("typo", "other");
  }

  @Test
  void relativeWorkRootIsTakenFromTheDataDir() {
    assertThat(read(Map.of("workRoot", "jobs-work")).workRoot())
        .isEqualTo(dataDir.resolve("jobs-work"));
  }

  @Test
  void commandGivenAsOneStringIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () -> read(Map.of("templates", Map.of("t", Map.of("command", "python train.py")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executor.local.templates.t.command");
  }

  @Test
  void unknownParameterKindIsRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "templates",
                        Map.of(
                            "t",
                            Map.of(
                                "command", List.of("true"),
                                "parameters", Map.of("p", Map.of("kind", "number")))))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executor.local.templates.t.parameters.p.kind");
  }

  @Test
  void negativeGraceIsRefused() {
    assertThatThrownBy(() -> read(Map.of("killGraceSeconds", -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("killGraceSeconds");
  }

  private LocalExecutorConfig read(Map<String, Object> values) {
    return LocalExecutorConfig.from(new PluginConfig("executor.local", values), dataDir);
  }

  @Test
  void readsTheJobEnvironmentAndTheRunAsUser() {
    LocalExecutorConfig config =
        read(Map.of("environment", Map.of("HF_HOME", "/srv/hf", "OMP_NUM_THREADS", 4), "runAs", "jobs"));

    assertThat(config.environment())
        .containsExactlyInAnyOrderEntriesOf(Map.of("HF_HOME", "/srv/hf", "OMP_NUM_THREADS", "4"));
    assertThat(config.runAs()).contains("jobs");
    assertThat(read(Map.of()).runAs()).isEmpty();
  }

  @Test
  void refusesAVariableThatIsNoNameOrNoSingleValue() {
    assertThatThrownBy(() -> read(Map.of("environment", Map.of("A-B", "x"))))
        .hasMessageContaining("local.environment")
        .hasMessageContaining("'A-B' is no variable name");
    assertThatThrownBy(() -> read(Map.of("environment", Map.of("A", List.of("x")))))
        .hasMessageContaining("local.environment.A must be a single value");
  }
}
