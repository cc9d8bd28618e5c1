package dev.berth.core.monitor;

import dev.berth.core.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a monitor's options in Berth's usual order: a flag wins over its {@code BERTH_MONITOR_*}
 * variable, which wins over the config file's {@code monitor:} section, which wins over the
 * defaults (port 8080, a sample every 5 s, the {@code nvidia-smi} probe judged by {@code
 * thresholds}). Every bad value is a {@link ConfigException} that names the flag, variable or key.
 */
public final class MonitorOptionsResolver {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
  public static final String DEFAULT_PROBE = "nvidia-smi";
  public static final String DEFAULT_POLICY = "thresholds";
  public static final Duration DEFAULT_SERVER_TIMEOUT = Duration.ofSeconds(2);

  private static final long MAX_INTERVAL_SECONDS = 3600;
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

  /** What was given on the command line; null where a flag was not given. */
  public record Flags(
      String host, Integer port, String interval, String probe, String server,
      Map<String, ThresholdInputs.Flagged> thresholds) {
    public Flags {
      thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    public static Flags none() {
      return new Flags(null, null, null, null, null, Map.of());
    }
  }

  private final Map<String, String> env;
  private final Map<String, Object> file;

  /**
   * @param env the process environment
   * @param configTree the merged configuration ({@code BerthConfig.tree()}); its {@code monitor}
   *     section is read
   */
  public MonitorOptionsResolver(Map<String, String> env, Map<String, Object> configTree) {
    this.env = env;
    Object section = configTree == null ? null : configTree.get("monitor");
    if (section != null && !(section instanceof Map<?, ?>)) {
      throw new ConfigException("monitor must be a section (a map of keys)");
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    if (section instanceof Map<?, ?> map) {
      map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    }
    this.file = copy;
  }

  public MonitorOptions resolve(Flags flags) {
    String host = pick(flags.host(), "--host", "BERTH_MONITOR_HOST", "host", DEFAULT_HOST).value();
    Sourced portText = pick(flags.port() == null ? null : flags.port().toString(), "--port", "BERTH_MONITOR_PORT",
        "port", Integer.toString(DEFAULT_PORT));
    int port = (int) whole(portText, 0, 65535);
    Sourced intervalText = pick(flags.interval(), "--interval", "BERTH_MONITOR_INTERVAL_SECONDS", "intervalSeconds",
        DEFAULT_INTERVAL.toSeconds() + "s");
    Duration interval = duration(intervalText, "s");
    if (interval.toMillis() < 1000 || interval.toSeconds() > MAX_INTERVAL_SECONDS) {
      throw new ConfigException(intervalText.origin() + " must be from 1 s to " + MAX_INTERVAL_SECONDS
          + " s, was " + intervalText.value());
    }
    String probe = nonBlank(pick(flags.probe(), "--probe", "BERTH_MONITOR_PROBE", "probe", DEFAULT_PROBE));
    String policy = nonBlank(pick(null, "", "BERTH_MONITOR_POLICY", "policy", DEFAULT_POLICY));
    Sourced serverText = pick(flags.server(), "--server", "BERTH_MONITOR_SERVER", "server", "");
    URI server = serverText.value().isBlank() ? null : serverUri(serverText);
    Sourced timeoutText = pick(null, "", "BERTH_MONITOR_SERVER_TIMEOUT_MILLIS", "serverTimeoutMillis",
        DEFAULT_SERVER_TIMEOUT.toMillis() + "ms");
    Duration serverTimeout = duration(timeoutText, "ms");
    if (serverTimeout.toMillis() < 1 || serverTimeout.toSeconds() > 60) {
      throw new ConfigException(timeoutText.origin() + " must be from 1 ms to 60 s, was " + timeoutText.value());
    }
    ThresholdInputs thresholds =
        new ThresholdInputs(flags.thresholds(), ThresholdInputs.thresholdVariables(env), fileThresholds());
    return new MonitorOptions(host, port, interval, probe, policy, server, serverTimeout, thresholds);
  }

  /** A value and the flag, variable or key it came from. */
  private record Sourced(String value, String origin) {}

  private Sourced pick(String flag, String flagName, String variable, String key, String fallback) {
    if (flag != null) {
      return new Sourced(flag, flagName);
    }
    String fromEnv = env.get(variable);
    if (fromEnv != null) {
      return new Sourced(fromEnv, variable);
    }
    Object fromFile = file.get(key);
    if (fromFile instanceof Map<?, ?> || fromFile instanceof java.util.List<?>) {
      throw new ConfigException("monitor." + key + " must be a single value");
    }
    if (fromFile != null) {
      return new Sourced(fromFile.toString(), "monitor." + key);
    }
    return new Sourced(fallback, "default");
  }

  private Map<String, String> fileThresholds() {
    Object section = file.get("thresholds");
    if (section == null) {
      return Map.of();
    }
    if (!(section instanceof Map<?, ?> map)) {
      throw new ConfigException("monitor.thresholds must be a section of setting keys to values");
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v.toString()));
    return out;
  }

  private static String nonBlank(Sourced s) {
    if (s.value().isBlank()) {
      throw new ConfigException(s.origin() + " must name a plugin id");
    }
    return s.value().trim();
  }

  private static long whole(Sourced s, long min, long max) {
    long value;
    try {
      value = Long.parseLong(s.value().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(s.origin() + " must be a whole number, was '" + s.value() + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(s.origin() + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  /** {@code 5}, {@code 5s}, {@code 500ms} or {@code 2m}; a bare number is in {@code bareUnit}. */
  private static Duration duration(Sourced s, String bareUnit) {
    Matcher m = DURATION.matcher(s.value().trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(s.origin() + " must be a duration such as 5, 5s, 500ms or 2m, was '" + s.value() + "'");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new ConfigException(s.origin() + " is too large: " + s.value());
    }
    String unit = m.group(2) == null ? bareUnit : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(Math.min(amount, 1_000_000));
      default -> Duration.ofSeconds(Math.min(amount, 1_000_000_000));
    };
  }

  private static URI serverUri(Sourced s) {
    String text = s.value().trim();
    try {
      URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(s.origin() + " must be an http(s) URL such as http://berth:8081, was '" + text + "'");
      }
      if (uri.getQuery() != null || uri.getFragment() != null) {
        throw new ConfigException(s.origin() + " must be the server's base URL, without query or fragment: '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(s.origin() + " is not a URL: " + e.getMessage());
    }
  }
}
