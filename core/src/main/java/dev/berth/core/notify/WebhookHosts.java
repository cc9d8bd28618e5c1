package dev.berth.core.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code notify.allowedWebhookHosts}: the hosts a user's own webhook URL may name, so that users
 * cannot make the server call addresses only it can reach (metadata services, admin ports). An
 * entry is a host name ({@code hooks.slack.com}) or a suffix ({@code *.lab.example}); empty allows
 * no user webhook at all.
 */
public record WebhookHosts(List<String> allowed) {
  public static final String KEY = "notify.allowedWebhookHosts";

  public WebhookHosts {
    allowed = allowed.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
  }

  public static WebhookHosts from(Map<String, Object> tree) {
    Object notify = tree.get("notify");
    Object hosts = notify instanceof Map<?, ?> m ? m.get("allowedWebhookHosts") : null;
    if (hosts == null) {
      return new WebhookHosts(List.of());
    }
    if (!(hosts instanceof List<?> list)) {
      return new WebhookHosts(List.of(hosts.toString()));
    }
    return new WebhookHosts(list.stream().map(String::valueOf).toList());
  }

  /** Null when {@code url} is an http(s) URL to an allowed host; otherwise why not. */
  public String refusal(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a URL";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      return "must be an http(s) URL with a host";
    }
    if (uri.getUserInfo() != null) {
      return "must not hold a user name or password";
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals(host) || (a.startsWith("*.") && host.endsWith(a.substring(1)))) {
        return null;
      }
    }
    return allowed.isEmpty()
        ? "is not allowed: an admin has allowed no webhook hosts (" + KEY + ")"
        : "host " + host + " is not allowed; an admin allows hosts in " + KEY + " (now: " + String.join(", ", allowed)
            + ")";
  }
}
