package dev.berth.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real plugin jar at test time, as a third party would: sources compiled against the test's
 * class path (plugin-api and pf4j) with pf4j's annotation processor, and the PF4J manifest. Tests
 * use it for plugins that must misbehave on purpose, which no shipped jar does.
 *
 * <pre>{@code
 * Path jar = new PluginJarBuilder("broken", "1.0.0")
 *     .source("com.example.broken.BrokenPolicy", "package com.example.broken; ...")
 *     .build(pluginsDir);
 * }</pre>
 */
public final class PluginJarBuilder {
  private final String pluginId;
  private final String version;
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> manifest = new LinkedHashMap<>();

  public PluginJarBuilder(String pluginId, String version) {
    this.pluginId = pluginId;
    this.version = version;
  }

  /** Adds one compilation unit, named by its fully qualified class name. */
  public PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** Adds a manifest attribute, such as {@code Plugin-Class} or {@code Plugin-Description}. */
  public PluginJarBuilder manifest(String name, String value) {
    manifest.put(name, value);
    return this;
  }

  /** Compiles the sources and writes {@code <dir>/<pluginId>-<version>.jar}. */
  public Path build(Path dir) {
    try {
      Files.createDirectories(dir);
      Path work = Files.createTempDirectory("plugin-src-" + pluginId.replaceAll("[^A-Za-z0-9]", ""));
      Path srcRoot = work.resolve("src");
      Path classes = work.resolve("classes");
      Files.createDirectories(classes);
      List<String> args = new java.util.ArrayList<>();
      String cp = System.getProperty("java.class.path");
      args.addAll(List.of("--release", "17", "-cp", cp, "-processorpath", cp,
          "-processor", "org.pf4j.processor.ExtensionAnnotationProcessor", "-d", classes.toString()));
      for (Map.Entry<String, String> s : sources.entrySet()) {
        Path file = srcRoot.resolve(s.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.getValue());
        args.add(file.toString());
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      int rc = javac.run(null, null, null, args.toArray(String[]::new));
      if (rc != 0) {
        throw new IllegalStateException("javac failed with exit code " + rc + " for plugin " + pluginId);
      }
      Manifest mf = new Manifest();
      Attributes a = mf.getMainAttributes();
      a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
      a.putValue("Plugin-Id", pluginId);
      a.putValue("Plugin-Version", version);
      a.putValue("Plugin-Provider", "Example Lab");
      manifest.forEach(a::putValue);
      Path jar = dir.resolve(pluginId + "-" + version + ".jar");
      try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
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
