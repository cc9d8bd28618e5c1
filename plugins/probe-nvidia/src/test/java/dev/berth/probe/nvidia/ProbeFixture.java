package dev.berth.probe.nvidia;

import dev.berth.api.NodeResources;
import dev.berth.testkit.FakeNvidiaSmi;
import dev.berth.testkit.SettableClock;
import dev.berth.testkit.TestPluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A probe's whole boundary in a temporary directory: the nvidia-smi stand-in, a fake /proc holding
 * the stat-before and meminfo fixtures, an empty cgroup directory, and the config pointing at them.
 */
final class ProbeFixture {

  static final String NODE = "gpu-node-1";

  final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));
  final FakeNvidiaSmi smi;
  final Path procRoot;
  final Path cgroupRoot;
  final Path dataDir;
  final Map<String, Object> config = new LinkedHashMap<>();

  ProbeFixture(Path dir) {
    this.smi = FakeNvidiaSmi.install(dir.resolve("bin"));
    this.procRoot = dir.resolve("proc");
    this.cgroupRoot = dir.resolve("cgroup");
    this.dataDir = dir.resolve("data");
    createDirectories(procRoot, cgroupRoot);
    proc("stat", "stat-before.txt");
    proc("meminfo", "meminfo.txt");
    config.put("command", smi.command().toString());
    config.put("procRoot", procRoot.toString());
    config.put("cgroupRoot", cgroupRoot.toString());
    config.put("node", NODE);
  }

  /** Sets a config key (null removes it) before {@link #probe()} builds the probe. */
  ProbeFixture with(String key, Object value) {
    if (value == null) {
      config.remove(key);
    } else {
      config.put(key, value);
    }
    return this;
  }

  NvidiaSmiProbe probe() {
    return new NvidiaSmiProbe(context());
  }

  TestPluginContext context() {
    return new TestPluginContext("nvidia-smi", config, clock, dataDir);
  }

  /** Replaces a file of the fake /proc with a fixture from proc/. */
  void proc(String file, String fixture) {
    write(procRoot.resolve(file), Fixtures.text("proc/" + fixture));
  }

  /** Writes a file of the fake /proc. */
  void procText(String file, String content) {
    write(procRoot.resolve(file), content);
  }

  /** Writes a file of the fake cgroup directory. */
  void cgroup(String file, String content) {
    write(cgroupRoot.resolve(file), content);
  }

  void advance(Duration by) {
    clock.advance(by);
  }

  /** The one node of a fresh sample. */
  NodeResources sampleNode(NvidiaSmiProbe probe) {
    return probe.sample().nodes().get(0);
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createDirectories(Path... dirs) {
    try {
      for (Path dir : dirs) {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
