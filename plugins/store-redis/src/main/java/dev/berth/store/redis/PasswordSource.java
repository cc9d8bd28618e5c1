package dev.berth.store.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Finds the Redis password without ever putting it in the config file: a file (a mounted
 * Kubernetes secret, for example) wins, then an environment variable, then the URL. Messages name
 * the file or the variable, never the content.
 */
final class PasswordSource {
  private PasswordSource() {}

  /**
   * @param file the password file, blank for none; relative paths are resolved against the working
   *     directory; one trailing line break is ignored
   * @param fileKey the config key of {@code file}, for messages
   * @param variable the environment variable to read when there is no file, blank for none
   * @param urlPassword the password in the URL, or null
   * @return the password, or null when none is configured
   */
  static Secret resolve(
      String file, String fileKey, String variable, Function<String, String> environment, Secret urlPassword) {
    if (!file.isBlank()) {
      return fromFile(Path.of(file).toAbsolutePath(), fileKey);
    }
    if (!variable.isBlank()) {
      String value = environment.apply(variable);
      if (value != null && !value.isEmpty()) {
        return new Secret(value);
      }
    }
    return urlPassword;
  }

  private static Secret fromFile(Path path, String fileKey) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "config " + fileKey + ": cannot read the password file " + path + " (" + e.getClass().getSimpleName() + ")",
          null);
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("config " + fileKey + ": the password file " + path + " is empty");
    }
    return new Secret(text);
  }
}
