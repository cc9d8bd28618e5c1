package dev.berth.core.auth;

import dev.berth.core.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code auth} section of the configuration (docs/configuration.md lists each key).
 *
 * @param loginMaxFailures failed sign-ins for one account, from anywhere, within the window
 * @param loginMaxFailuresPerAddress failed sign-ins from one client address, for any accounts
 * @param initialAdminPassword {@code BERTH_ADMIN_PASSWORD}, or empty for a random one
 */
public record AuthConfig(
    AuthMode mode,
    Duration sessionIdle,
    Duration sessionMax,
    boolean usersReadOthersLogs,
    boolean metricsNeedToken,
    String secureCookies,
    int loginMaxFailures,
    int loginMaxFailuresPerAddress,
    Duration loginWindow,
    List<Cidr> proxyTrusted,
    String proxyUserHeader,
    String proxyGroupsHeader,
    String proxyAdminGroup,
    String initialAdminPassword) {

  /** Reads the {@code auth} section of the merged config tree. */
  public static AuthConfig from(Map<String, Object> tree) {
    Reader r = new Reader(tree);
    AuthMode mode;
    String rawMode = r.string("auth.mode", "local");
    try {
      mode = AuthMode.valueOf(rawMode.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("auth.mode must be local, proxy or none, was '" + rawMode + "'");
    }
    String metrics = r.string("auth.metrics", "open").trim();
    if (!metrics.equals("open") && !metrics.equals("token")) {
      throw new ConfigException("auth.metrics must be open or token, was '" + metrics + "'");
    }
    String secure = r.string("auth.secureCookies", "auto").trim();
    if (!List.of("auto", "always", "never").contains(secure)) {
      throw new ConfigException("auth.secureCookies must be auto, always or never, was '" + secure + "'");
    }
    List<Cidr> trusted = new ArrayList<>();
    for (String c : r.list("auth.proxy.trustedCidrs")) {
      trusted.add(Cidr.parse(c));
    }
    if (mode == AuthMode.PROXY && trusted.isEmpty()) {
      throw new ConfigException("auth.mode proxy needs auth.proxy.trustedCidrs: the addresses of the proxy");
    }
    String userHeader = r.string("auth.proxy.userHeader", "X-Forwarded-User").trim();
    if (userHeader.isEmpty()) {
      throw new ConfigException("auth.proxy.userHeader must name a header");
    }
    return new AuthConfig(
        mode,
        Duration.ofMinutes(r.integer("auth.sessionIdleMinutes", 60, 1, 7 * 24 * 60)),
        Duration.ofHours(r.integer("auth.sessionMaxHours", 12, 1, 24 * 365)),
        r.bool("auth.usersReadOthersLogs", false),
        metrics.equals("token"),
        secure,
        r.integer("auth.login.maxFailures", 10, 1, 1000),
        r.integer("auth.login.maxFailuresPerAddress", 200, 1, 1_000_000),
        Duration.ofSeconds(r.integer("auth.login.windowSeconds", 900, 1, 86_400)),
        List.copyOf(trusted),
        userHeader,
        r.string("auth.proxy.groupsHeader", "X-Forwarded-Groups").trim(),
        r.string("auth.proxy.adminGroup", "berth-admins").trim(),
        r.string("auth.initialAdminPassword", ""));
  }

  /** Typed reads of dotted keys with errors naming the key. */
  private record Reader(Map<String, Object> tree) {
    Object raw(String key) {
      Object node = tree;
      for (String part : key.split("\\.")) {
        node = node instanceof Map<?, ?> m ? m.get(part) : null;
      }
      return node;
    }

    String string(String key, String fallback) {
      Object v = raw(key);
      if (v instanceof Map<?, ?> || v instanceof List<?>) {
        throw new ConfigException(key + " must be a single value");
      }
      return v == null ? fallback : v.toString();
    }

    int integer(String key, int fallback, int min, int max) {
      Object v = raw(key);
      if (v == null || v.toString().isBlank()) {
        return fallback;
      }
      long value;
      try {
        value = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(key + " must be a whole number, was '" + v + "'");
      }
      if (value < min || value > max) {
        throw new ConfigException(key + " must be between " + min + " and " + max + ", was " + value);
      }
      return (int) value;
    }

    boolean bool(String key, boolean fallback) {
      Object v = raw(key);
      if (v == null || v.toString().isBlank()) {
        return fallback;
      }
      String s = v.toString().trim();
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      throw new ConfigException(key + " must be true or false, was '" + v + "'");
    }

    List<String> list(String key) {
      Object v = raw(key);
      List<String> out = new ArrayList<>();
      if (v instanceof List<?> l) {
        l.forEach(o -> out.add(String.valueOf(o).trim()));
      } else if (v != null && !v.toString().isBlank()) {
        for (String s : v.toString().split(",")) {
          out.add(s.trim());
        }
      }
      out.removeIf(String::isEmpty);
      return out;
    }
  }
}
