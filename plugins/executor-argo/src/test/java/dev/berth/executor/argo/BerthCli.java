package dev.berth.executor.argo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs Berth's launcher ({@code dev.berth.core.cli.Launcher}) as a child JVM, as {@code ./berth}
 * does: with the core's classpath only, so the plugin jar must bring every class it needs, exactly
 * as when Berth loads it.
 */
final class BerthCli {
  /**
   * Libraries of this module and its tests that the launcher's own classpath does not have, and
   * plugin jars (in the local repository or in the reactor), which Berth loads from its plugins
   * directory instead.
   */
  private static final List<String> NOT_THE_HOSTS =
      List.of("/io/fabric8/", "/org/snakeyaml/", "/io/vertx/", "/io/netty/", "/org/bouncycastle/",
          "/org/junit/", "/org/assertj/", "/net/bytebuddy/", "/org/opentest4j/", "/org/apiguardian/",
          "/berth-testkit/", "/testkit/target/", "/plugins/");

  /** Bundled plugin artifacts in the local repository; plugin-api is the host's. */
  private static final Pattern PLUGIN_ARTIFACT = Pattern.compile(".*/berth-plugin-(?!api[/-]).*");

  record Result(int exitCode, String stdout, String stderr) {}

  private BerthCli() {}

  static Result run(Path workDir, String... args) throws IOException, InterruptedException {
    Path out = workDir.resolve("stdout.txt");
    Path err = workDir.resolve("stderr.txt");
    Process process = start(workDir, out, err, args);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("berth " + String.join(" ", args) + " did not end within 120 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Starts the launcher with {@code args}; its output goes to {@code out} and {@code err}. */
  static Process start(Path workDir, Path out, Path err, String... args) throws IOException {
    return start(workDir, out, err, java.util.Map.of(), args);
  }

  /** As {@link #start(Path, Path, Path, String...)}, with extra environment variables. */
  static Process start(Path workDir, Path out, Path err, java.util.Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dberth.home=" + workDir.resolve("home"));
    command.add("-cp");
    command.add(hostClasspath());
    command.add("dev.berth.core.cli.Launcher");
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The jar of the bundled plugin built by module {@code plugins/<module>}, from the test classpath. */
  static Path pluginJar(String module) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .map(entry -> entry.replace('\\', '/'))
        .filter(entry -> entry.endsWith(".jar")
            && (entry.contains("/berth-plugin-" + module + "/") || entry.contains("/plugins/" + module + "/target/")))
        .map(Path::of)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no jar of plugins/" + module + " on the test classpath"));
  }

  private static String hostClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .map(entry -> entry.replace('\\', '/'))
        .filter(entry -> NOT_THE_HOSTS.stream().noneMatch(entry::contains))
        .filter(entry -> !PLUGIN_ARTIFACT.matcher(entry).matches())
        .collect(Collectors.joining(File.pathSeparator));
  }
}
