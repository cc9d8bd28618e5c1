package dev.berth.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testkit.FakeNvidiaSmi;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/plugins.md's quick start, run literally as a third party would: its command block runs as a
 * script in a copy of this checkout (as a fresh clone has it), with a fresh Maven local repository,
 * so every Berth artifact the plugin needs must come from the docs' install command and everything
 * else from Maven Central. The plugin project it generates must run tests (the contract suite
 * among them) and build a jar that a Berth server loads and whose reason shows on the resources.
 *
 * <p>Slow (about two minutes on a fresh machine, most of it Maven downloading from Central) and
 * needs the network and {@code mvn} on the PATH, as CI has them.
 */
class PluginQuickStartTest {
  private static final Duration T = Duration.ofSeconds(30);
  private static final Pattern QUICK_START =
      Pattern.compile("<!-- quick start: tested by PluginQuickStartTest -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);
  // Not part of a fresh clone: build output, VCS data and editor files anywhere, local data at the top.
  private static final Set<String> NOT_IN_A_CLONE = Set.of("target", ".git", ".idea", ".vscode");

  @TempDir Path tmp;

  @Test
  void theDocumentedQuickStartGivesATestedPluginThatBerthLoads() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String docs = Files.readString(root.resolve("docs/plugins.md"));
    Matcher block = QUICK_START.matcher(docs);
    assertThat(block.find()).as("docs/plugins.md has the marked quick-start block").isTrue();
    Path clone = tmp.resolve("berth");
    copyAsClone(root, clone);
    Path script = tmp.resolve("quick-start.sh");
    Files.writeString(script, block.group(1));
    Path repo = tmp.resolve("m2");
    Path log = tmp.resolve("quick-start.log");

    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
        .directory(clone.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    // The only change to the documented commands: a fresh local repository, holding nothing yet.
    pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repo);
    Process process = pb.start();
    boolean finished = process.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);
    assertThat(finished).as("the quick start finished within 15 minutes; output:\n" + tail(output)).isTrue();
    assertThat(process.exitValue()).as("the quick start's exit code; output:\n" + tail(output)).isZero();

    Path project = tmp.resolve("my-policy");
    List<String> reports;
    try (Stream<Path> files = Files.list(project.resolve("target/surefire-reports"))) {
      reports = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt")).toList();
    }
    assertThat(reports).contains("org.example.ReservedGpuPolicyContractTest.txt");
    Matcher total = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*\\n").matcher(output);
    int run = 0;
    while (total.find()) {
      run = Integer.parseInt(total.group(1));
    }
    assertThat(run).as("tests the generated project ran").isGreaterThan(0);
    assertThat(Files.list(repo.resolve("dev/berth")).map(p -> p.getFileName().toString()).toList())
        .as("Berth artifacts in the fresh repository: only what the install command put there")
        .containsExactlyInAnyOrder("berth-parent", "berth-plugin-api", "berth-testkit", "berth-plugin-parent",
            "berth-plugin-archetype");

    Path plugins = tmp.resolve("server-plugins");
    Files.createDirectories(plugins);
    Files.copy(project.resolve("target/my-policy-1.0.0.jar"), plugins.resolve("my-policy-1.0.0.jar"));
    FakeNvidiaSmi smi = FakeNvidiaSmi.install(tmp.resolve("smi"));
    smi.setGpus(FakeNvidiaSmi.idleGpu(0), FakeNvidiaSmi.idleGpu(1));
    String yaml = InProcessBerth.config(smi.command()) + """
        pluginsDir: "%s"
        extensions:
          policies: [thresholds, my-policy]
        """.formatted(plugins);
    try (var berth = InProcessBerth.start(tmp.resolve("server"), yaml)) {
      Http http = berth.http;
      JsonNode plugin = null;
      for (JsonNode p : http.get("/api/v1/plugins").json().get("plugins")) {
        if (p.get("id").asText().equals("my-policy")) {
          plugin = p;
        }
      }
      assertThat(plugin).as("my-policy in /api/v1/plugins").isNotNull();
      assertThat(plugin.get("state").asText()).isEqualTo("STARTED");

      JsonNode gpus = Await.until("a sample judged by the plugin", T, () -> http.get("/api/v1/resources").json(),
          r -> r.get("nodes").size() == 1 && r.get("nodes").get(0).get("gpus").size() == 2)
          .get("nodes").get(0).get("gpus");
      assertThat(gpus.get(0).get("reasons").toString()).contains("GPU 0 is kept free for interactive use");
      assertThat(gpus.get(1).get("eligible").asBoolean()).isTrue();
    }
  }

  private static void copyAsClone(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && (NOT_IN_A_CLONE.contains(dir.getFileName().toString())
            || dir.equals(from.resolve("data")))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          Files.copy(file, to.resolve(from.relativize(file).toString()));
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static String tail(String output) {
    return output.length() <= 6000 ? output : "…" + output.substring(output.length() - 6000);
  }
}
