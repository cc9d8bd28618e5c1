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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
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

  private void buildPluginJar(Path jar, String pluginId) throws IOException {
    Path src = tmp.resolve("src/com/example/lifo/LifoOrder.java");
    Path classes = tmp.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, SOURCE);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String cp = System.getProperty("java.class.path");
    int rc = javac.run(null, null, null, "--release", "17", "-cp", cp, "-processorpath", cp,
        "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString(), src.toString());
    assertThat(rc).as("javac exit code").isZero();
    assertThat(classes.resolve("META-INF/extensions.idx")).content().contains("com.example.lifo.LifoOrder");

    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.putValue("Plugin-Id", pluginId);
    a.putValue("Plugin-Version", "1.0.0");
    a.putValue("Plugin-Provider", "Example Lab");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, jos);
        jos.closeEntry();
      }
    }
  }
}
