package dev.berth.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

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
    try {
      Path work = Files.createTempDirectory(dir, "plugin-src");
      String pkg = pluginId.replaceAll("[^A-Za-z0-9]", "");
      Path src = work.resolve("src/com/example/" + pkg + "/LifoOrder.java");
      Path pluginSrc = src.resolveSibling("BrokenStart.java");
      Path classes = work.resolve("classes");
      Files.createDirectories(src.getParent());
      Files.createDirectories(classes);
      Files.writeString(src, SOURCE.formatted(pkg));
      Files.writeString(pluginSrc, FAILING_PLUGIN.formatted(pkg));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      String cp = System.getProperty("java.class.path");
      int rc = javac.run(null, null, null, "--release", "17", "-cp", cp, "-processorpath", cp,
          "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString(), src.toString(),
          pluginSrc.toString());
      if (rc != 0) {
        throw new IllegalStateException("javac failed with " + rc);
      }
      Manifest manifest = new Manifest();
      Attributes a = manifest.getMainAttributes();
      a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      a.putValue("Plugin-Id", pluginId);
      a.putValue("Plugin-Version", "1.0.0");
      a.putValue("Plugin-Provider", "Example Lab");
      a.putValue("Plugin-Description", "Runs the newest job first");
      if (failOnStart) {
        a.putValue("Plugin-Class", "com.example." + pkg + ".BrokenStart");
      }
      Path jar = dir.resolve(pluginId + "-1.0.0.jar");
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest);
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, jos);
          jos.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
