package dev.berth.core.auth;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address a request came from, for the sign-in throttle. By the same trust rule as proxy mode:
 * when the socket peer is one of {@code auth.proxy.trustedCidrs}, it is the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (each proxy appends the address it
 * saw, so everything left of that is what the client claimed); otherwise it is the peer, and any
 * {@code X-Forwarded-For} is ignored.
 */
public final class ClientAddress {
  private static final String HEADER = "X-Forwarded-For";
  /** An IPv4 address with an optional port, or an IPv6 address, optionally in brackets with a port. */
  private static final Pattern HOP =
      Pattern.compile("(?<v4>[0-9.]{7,15})(?::\\d{1,5})?|\\[(?<v6b>[0-9A-Fa-f:.]{2,45})](?::\\d{1,5})?|(?<v6>[0-9A-Fa-f:.]{2,45})");

  private final List<Cidr> trustedProxies;

  public ClientAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** Whether the socket peer (never a forwarded-for header) is one of the configured proxies. */
  public boolean fromTrustedProxy(Context ctx) {
    return trusted(ctx.req().getRemoteAddr());
  }

  public String of(Context ctx) {
    return of(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders(HEADER)));
  }

  /** @param forwardedFor every {@code X-Forwarded-For} header, in the order received */
  String of(String peer, List<String> forwardedFor) {
    if (!trusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    String nearest = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = literal(hops.get(i));
      if (hop == null) {
        return nearest; // garbage from beyond the last proxy we trust: the hop that proxy saw is what we know
      }
      if (!trusted(hop)) {
        return hop;
      }
      nearest = hop;
    }
    return nearest;
  }

  private boolean trusted(String address) {
    return trustedProxies.stream().anyMatch(c -> c.contains(address));
  }

  /** The bare address of a hop, or null when it is not an address literal. */
  private static String literal(String hop) {
    Matcher m = HOP.matcher(hop);
    if (!m.matches()) {
      return null;
    }
    return m.group("v4") != null ? m.group("v4") : m.group("v6b") != null ? m.group("v6b") : m.group("v6");
  }
}
