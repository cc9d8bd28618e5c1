package dev.berth.web.render;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.resolve.DirectoryCodeResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the jte engine: the classes precompiled by jte-maven-plugin for the distribution, or, in
 * dev mode, one that compiles templates from their source directory and recompiles a template when
 * its file changes.
 */
public final class TemplateEngines {
  private TemplateEngines() {}

  /** The templates compiled into this jar at build time. */
  public static TemplateEngine precompiled() {
    return TemplateEngine.createPrecompiled(null, ContentType.Html, TemplateEngines.class.getClassLoader());
  }

  /** Hot reload from {@code sourceDir}; compiled classes go to a fresh temporary directory. */
  public static TemplateEngine hotReload(Path sourceDir) {
    try {
      Path classes = Files.createTempDirectory("berth-jte-");
      TemplateEngine engine = TemplateEngine.create(new DirectoryCodeResolver(sourceDir), classes, ContentType.Html,
          TemplateEngines.class.getClassLoader());
      // As the build's jte-maven-plugin does, so dev mode renders exactly what the jar renders.
      engine.setTrimControlStructures(true);
      // Annotation processors on the class path (pf4j's) must not run on templates: they would
      // write their index files into the working directory.
      engine.setCompileArgs("-proc:none");
      return engine;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for compiled templates", e);
    }
  }
}
