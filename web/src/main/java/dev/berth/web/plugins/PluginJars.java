package dev.berth.web.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/** Checks an uploaded file before it goes near the plugin host: a safe name, a jar, a plugin id. */
public final class PluginJars {
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.jar");
  private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private PluginJars() {}

  /** What the manifest says. */
  public record Manifested(String pluginId, String version) {}

  /**
   * The file name to save the upload under: the last segment of what the browser sent, which must
   * be a plain {@code name.jar}.
   *
   * @throws IllegalArgumentException with a message for the admin
   */
  public static String fileName(String submitted) {
    if (submitted == null || submitted.isBlank()) {
      throw new IllegalArgumentException("choose a plugin jar to upload");
    }
    String name = submitted.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    if (!FILE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("the file must be named like plugin-1.0.jar (letters, digits, '.', '_', '-'), was '"
          + clip(name) + "'");
    }
    return name;
  }

  /**
   * Reads the jar's manifest.
   *
   * @throws IllegalArgumentException when it is no jar or names no valid {@code Plugin-Id}
   */
  public static Manifested inspect(Path jar, String shownName) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      if (manifest == null) {
        throw new IllegalArgumentException(shownName + " has no META-INF/MANIFEST.MF, so it is no Berth plugin");
      }
      String id = manifest.getMainAttributes().getValue("Plugin-Id");
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException(shownName + " has no Plugin-Id in its manifest, so it is no Berth plugin");
      }
      if (!PLUGIN_ID.matcher(id.strip()).matches()) {
        throw new IllegalArgumentException(shownName + ": Plugin-Id '" + clip(id) + "' is not a valid plugin id");
      }
      String version = manifest.getMainAttributes().getValue("Plugin-Version");
      return new Manifested(id.strip(), version == null ? "" : version.strip());
    } catch (ZipException e) {
      throw new IllegalArgumentException(shownName + " is not a jar (zip) file", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(shownName + " cannot be read as a jar: " + e.getMessage(), e);
    } catch (SecurityException e) {
      throw new IllegalArgumentException(shownName + " has an invalid signature: " + e.getMessage(), e);
    }
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
