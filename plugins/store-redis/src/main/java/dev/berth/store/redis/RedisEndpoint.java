package dev.berth.store.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where Redis is, parsed from a {@code redis://} or {@code rediss://} (TLS) URL:
 * {@code redis[s]://[[user][:password]@]host[:port][/database]}.
 *
 * @param user the ACL user, or null for the default user
 * @param urlPassword the password written in the URL, or null; a password file or variable wins
 *     over it
 * @param database the logical database, 0 by default
 */
record RedisEndpoint(String host, int port, boolean tls, String user, Secret urlPassword, int database) {

  static final int DEFAULT_PORT = 6379;
  private static final Pattern DATABASE = Pattern.compile("/?([0-9]{1,5})?/?");

  /**
   * Parses {@code url}; the message of a failure names {@code key} and repeats the URL without its
   * password.
   */
  static RedisEndpoint parse(String key, String url) {
    if (url == null || url.isBlank()) {
      throw invalid(key, url, "is empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw invalid(key, url, "is not a URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw invalid(key, url, "must start with redis:// or rediss:// (TLS)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid(key, url, "has no host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(key, url, "may not have a query or fragment; other settings have their own keys");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    var database = DATABASE.matcher(path);
    if (!database.matches()) {
      throw invalid(key, url, "has a path that is not a database number");
    }
    int db = database.group(1) == null ? 0 : Integer.parseInt(database.group(1));
    String user = null;
    Secret password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String rawUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      user = rawUser.isEmpty() ? null : decode(rawUser);
      if (colon >= 0) {
        password = new Secret(decode(userInfo.substring(colon + 1)));
      }
    }
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new RedisEndpoint(host, port, "rediss".equals(scheme), user, password, db);
  }

  /** The URL without its password, for logs and messages. */
  String redacted() {
    String hostPart = host.contains(":") ? "[" + host + "]" : host;
    String userPart = user == null ? "" : user + "@";
    return (tls ? "rediss://" : "redis://") + userPart + hostPart + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return redacted();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException invalid(String key, String url, String problem) {
    return new IllegalArgumentException(
        "config " + key + " " + problem + ": expected redis[s]://[[user][:password]@]host[:port][/database], was '"
            + withoutPassword(url) + "'");
  }

  /** Best effort on a URL that may not parse: everything between :// and the last @ is hidden. */
  private static String withoutPassword(String url) {
    if (url == null) {
      return "";
    }
    int start = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (start >= 0 && at > start) {
      return url.substring(0, start + 3) + "***" + url.substring(at);
    }
    return url;
  }
}
