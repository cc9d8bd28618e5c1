package dev.berth.notify.webhook;

import dev.berth.api.NotifyPreferences;
import dev.berth.api.PluginConfig;
import dev.berth.plugin.support.HttpUrls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The plugin's section, {@code notify.webhook}. Every mistake is refused at start with the key
 * that holds it, so a misconfigured channel blocks start-up instead of dropping notifications.
 *
 * @param publicUrl where users open Berth, for the job link; empty gives a path ({@code /jobs/7})
 * @param timeout how long one POST may take, connecting included
 * @param userSecret the HMAC key for posts to users' own webhook URLs ({@code userSecretFile} or
 *     {@code userSecretEnv}); null sends them unsigned
 */
record WebhookConfig(List<Endpoint> endpoints, String publicUrl, Duration timeout, byte[] userSecret) {

  static WebhookConfig from(PluginConfig config, Function<String, String> env) {
    List<Endpoint> endpoints = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Object list = config.values().get("endpoints");
    if (list != null && !(list instanceof List<?>)) {
      throw new IllegalArgumentException("config " + config.path() + ".endpoints must be a list");
    }
    int i = 0;
    for (Object item : list == null ? List.of() : (List<?>) list) {
      String where = config.path() + ".endpoints[" + i++ + "]";
      if (!(item instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("config " + where + " must be a section with name and url");
      }
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> values.put(String.valueOf(k), v));
      Endpoint e = endpoint(new PluginConfig(where, values), env);
      if (!names.add(e.name())) {
        throw new IllegalArgumentException("config " + where + ".name: '" + e.name() + "' is used twice");
      }
      endpoints.add(e);
    }
    String publicUrl = config.getString("publicUrl", "").trim().replaceAll("/+$", "");
    if (!publicUrl.isEmpty()) {
      HttpUrls.withDefaultPath(config.path() + ".publicUrl", publicUrl, "/");
    }
    long timeoutMillis = config.getLong("timeoutMillis", 10_000);
    if (timeoutMillis < 1 || timeoutMillis > 120_000) {
      throw new IllegalArgumentException("config " + config.path() + ".timeoutMillis must be 1 to 120000");
    }
    byte[] userSecret = config.has("userSecretFile") || config.has("userSecretEnv")
        ? secret(config, "userSecretFile", "userSecretEnv", env) : null;
    return new WebhookConfig(List.copyOf(endpoints), publicUrl, Duration.ofMillis(timeoutMillis), userSecret);
  }

  private static Endpoint endpoint(PluginConfig c, Function<String, String> env) {
    String name = c.getString("name", "").trim();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("config " + c.path() + ".name is required");
    }
    String url = c.getString("url", "").trim();
    if (url.isEmpty() || !url.contains("://")) {
      throw new IllegalArgumentException("config " + c.path() + ".url must be an http(s) URL");
    }
    java.net.URI uri;
    try {
      uri = HttpUrls.withDefaultPath(c.path() + ".url", url, "/");
    } catch (IllegalArgumentException e) {
      // The URL itself may hold a token: say what is wrong without repeating it.
      throw new IllegalArgumentException("config " + c.path() + ".url must be an http(s) URL with a host");
    }
    Endpoint.Format format;
    try {
      format = Endpoint.Format.valueOf(c.getString("format", "json").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("config " + c.path() + ".format must be json or slack");
    }
    Set<String> events = new LinkedHashSet<>();
    for (String ev : c.getStringList("events")) {
      String n = ev.trim().toLowerCase(Locale.ROOT);
      if (!NotifyPreferences.EVENTS.contains(n)) {
        throw new IllegalArgumentException("config " + c.path() + ".events: unknown event '" + ev + "'; one of "
            + String.join(", ", new java.util.TreeSet<>(NotifyPreferences.EVENTS)));
      }
      events.add(n);
    }
    return new Endpoint(name, uri, secret(c, "secretFile", "secretEnv", env), format, events.isEmpty() ? NotifyPreferences.DEFAULT_EVENTS : Set.copyOf(events));
  }

  /** The HMAC key from {@code secretFile} or the variable {@code secretEnv}; required. */
  private static byte[] secret(PluginConfig c, String fileKey, String envKey, Function<String, String> env) {
    String file = c.getString(fileKey, "").trim();
    String var = c.getString(envKey, "").trim();
    String secret;
    if (!file.isEmpty()) {
      try {
        secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("config " + c.path() + "." + fileKey + ": cannot read " + file + " ("
            + e.getClass().getSimpleName() + ")");
      }
    } else if (!var.isEmpty()) {
      secret = env.apply(var);
      if (secret == null) {
        throw new IllegalArgumentException("config " + c.path() + "." + envKey + ": variable " + var + " is not set");
      }
      secret = secret.strip();
    } else {
      throw new IllegalArgumentException("config " + c.path() + " needs " + fileKey + " (or " + envKey + "): the key "
          + "the X-Berth-Signature header is made with");
    }
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("config " + c.path() + ": the webhook secret is empty");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }
}
