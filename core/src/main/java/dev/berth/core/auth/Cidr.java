package dev.berth.core.auth;

import dev.berth.core.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address block such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength, String text) {

  /** Parses a block; only literal addresses, never a host name to resolve. */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!address.matches("[0-9A-Fa-f:.]+")) {
      throw new ConfigException("auth.proxy.trustedCidrs: '" + text + "' is not an IP address or CIDR block");
    }
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException("auth.proxy.trustedCidrs: '" + text + "' is not an IP address or CIDR block");
    }
    int length = bytes.length * 8;
    if (slash >= 0) {
      try {
        length = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        length = -1;
      }
      if (length < 0 || length > bytes.length * 8) {
        throw new ConfigException("auth.proxy.trustedCidrs: '" + text + "' has a bad prefix length");
      }
    }
    return new Cidr(bytes, length, t);
  }

  /** Whether {@code address} (a literal from the socket) lies in this block. */
  public boolean contains(String address) {
    byte[] candidate;
    try {
      String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
      if (!literal.matches("[0-9A-Fa-f:.%a-z0-9]+")) {
        return false;
      }
      candidate = InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    if (candidate.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (candidate[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
