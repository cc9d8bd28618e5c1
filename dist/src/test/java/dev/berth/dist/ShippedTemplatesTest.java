package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No template Berth ships lets a shell parse a job value: a value such as {@code 1$(id)} inside a
 * {@code sh -c} script would run as code. (The local executor's fallback demo is checked by its own
 * tests, and the executor warns about such templates in a user's config.)
 */
class ShippedTemplatesTest {
  private static final Pattern SHELL = Pattern.compile("(.*/)?(sh|bash|dash|zsh|ksh|ash)");
  private static final Pattern COMMAND_OPTION = Pattern.compile("-[a-zA-Z]*c[a-zA-Z]*");
  /** A local template's placeholder; {@code $${} is a literal and does not count. */
  private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\$)\\$\\{[^}]+}");
  /** How Argo and the chart refer to a job's values. */
  private static final Pattern ARGO_JOB_VALUE =
      Pattern.compile("workflow\\.parameters|inputs\\.parameters|berth\\.argoParam");
  private static final Pattern ARGO_SHELL = Pattern.compile("(^\\s*source:)|[\\[\\s,\"']-c[\"'\\s,\\]]", Pattern.MULTILINE);

  @Test
  void noLocalTemplateOfTheDefaultConfigPutsAJobValueInAShellScript() throws IOException {
    JsonNode templates;
    try (InputStream in = getClass().getResourceAsStream("/dev/berth/core/default-config.yaml")) {
      assertThat(in).as("the default config on the classpath").isNotNull();
      templates = new ObjectMapper(new YAMLFactory()).readTree(in).path("executor").path("local").path("templates");
    }
    assertThat(templates.size()).isPositive();
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = templates.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> template = it.next();
      List<String> argv = new ArrayList<>();
      template.getValue().path("command").forEach(element -> argv.add(element.asText()));
      String script = shellScript(argv);
      if (script != null && PLACEHOLDER.matcher(script).find()) {
        problems.add(template.getKey() + ": " + script);
      }
    }
    assertThat(problems).as("templates whose shell script holds a placeholder").isEmpty();
  }

  @Test
  void noArgoTemplateOfTheChartOrTheExamplesRunsAJobValueThroughAShell() throws IOException {
    Path repo = Path.of("..");
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(repo.resolve("helm/berth/templates"), repo.resolve("examples"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).forEach(files::add);
      }
    }
    assertThat(files).isNotEmpty();
    List<Path> problems = new ArrayList<>();
    for (Path file : files) {
      String text = Files.readString(file);
      // Strict on purpose: a file that hands job values to a workflow runs no shell script at all.
      if (ARGO_JOB_VALUE.matcher(text).find() && ARGO_SHELL.matcher(text).find()) {
        problems.add(file);
      }
    }
    assertThat(problems).as("files that pass job values and also run a shell script").isEmpty();
  }

  /** The script a shell runs with -c, or null when the command runs no shell script. */
  private static String shellScript(List<String> argv) {
    for (int i = 0; i < argv.size(); i++) {
      if (!SHELL.matcher(argv.get(i)).matches()) {
        continue;
      }
      int at = i + 1;
      boolean command = false;
      while (at < argv.size() && argv.get(at).startsWith("-")) {
        command |= COMMAND_OPTION.matcher(argv.get(at)).matches();
        at++;
      }
      if (command && at < argv.size()) {
        return argv.get(at);
      }
    }
    return null;
  }
}
