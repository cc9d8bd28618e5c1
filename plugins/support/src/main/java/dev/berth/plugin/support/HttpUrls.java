package dev.berth.plugin.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads the service URLs admins write in plugin config: {@code host:port} or a full URL. */
public final class HttpUrls {
  private HttpUrls() {}

  /**
   * An http(s) URL; a bare {@code host:port} gets {@code http://}, and an empty path gets {@code
   * defaultPath} (a monitor's {@code /status}, an exporter's {@code /metrics}).
   *
   * @param where the config key, for the error message
   * @throws IllegalArgumentException naming {@code where} when the text is no http(s) URL
   */
  public static URI withDefaultPath(String where, String text, String defaultPath) {
    String withScheme = text.contains("://") ? text : "http://" + text;
    try {
      URI uri = new URI(withScheme);
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(where + " must be an http(s) URL, was '" + text + "'");
      }
      if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
        uri = new URI(uri.getScheme(), uri.getRawAuthority(), defaultPath, uri.getQuery(), null);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(where + " is not a URL: " + e.getMessage(), e);
    }
  }
}
