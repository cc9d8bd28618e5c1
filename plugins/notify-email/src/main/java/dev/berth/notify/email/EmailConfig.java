package dev.berth.notify.email;

import dev.berth.api.PluginConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * The plugin's section, {@code notify.email}. Without {@code host} the plugin sends nothing (and
 * says so at start); with it, {@code from} is required. Mistakes are refused at start with the key.
 *
 * @param starttls upgrade a plain connection (port 587) with STARTTLS, and refuse to go on without
 * @param tls connect with TLS from the start (SMTPS, port 465)
 * @param password from {@code passwordFile} or the variable {@code passwordEnv}; never logged
 */
record EmailConfig(String host, int port, boolean starttls, boolean tls, String username, String password,
    String from, String publicUrl, Duration timeout, int logLines) {

  boolean enabled() {
    return !host.isEmpty();
  }

  static EmailConfig from(PluginConfig c, Function<String, String> env) {
    String host = c.getString("host", "").trim();
    boolean tls = c.getBoolean("tls", false);
    int port = c.getInt("port", tls ? 465 : 587);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("config " + c.path() + ".port must be 1 to 65535");
    }
    String from = c.getString("from", "").trim();
    if (!host.isEmpty() && (from.isEmpty() || !from.contains("@"))) {
      throw new IllegalArgumentException("config " + c.path() + ".from must be the sender's address, such as berth@lab");
    }
    String username = c.getString("username", "").trim();
    String password = password(c, env);
    if (!username.isEmpty() && password == null) {
      throw new IllegalArgumentException("config " + c.path() + ": username is set but neither passwordFile nor "
          + "passwordEnv");
    }
    long timeoutMillis = c.getLong("timeoutMillis", 10_000);
    if (timeoutMillis < 1 || timeoutMillis > 120_000) {
      throw new IllegalArgumentException("config " + c.path() + ".timeoutMillis must be 1 to 120000");
    }
    int logLines = c.getInt("logLines", 20);
    if (logLines < 0 || logLines > 1000) {
      throw new IllegalArgumentException("config " + c.path() + ".logLines must be 0 to 1000");
    }
    return new EmailConfig(host, port, c.getBoolean("starttls", false), tls, username, password, from,
        c.getString("publicUrl", "").trim().replaceAll("/+$", ""), Duration.ofMillis(timeoutMillis), logLines);
  }

  private static String password(PluginConfig c, Function<String, String> env) {
    String file = c.getString("passwordFile", "").trim();
    String var = c.getString("passwordEnv", "").trim();
    if (!file.isEmpty()) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("config " + c.path() + ".passwordFile: cannot read " + file + " ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    if (!var.isEmpty()) {
      String v = env.apply(var);
      if (v == null) {
        throw new IllegalArgumentException("config " + c.path() + ".passwordEnv: variable " + var + " is not set");
      }
      return v.strip();
    }
    return null;
  }

  @Override
  public String toString() {
    return "EmailConfig[" + host + ":" + port + (tls ? " tls" : starttls ? " starttls" : "") + ", from " + from + "]";
  }
}
