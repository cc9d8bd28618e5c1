package dev.berth.web.support;

/**
 * The only places the sign-in page sends a browser back to: a path on this server. Browsers drop
 * tabs and newlines inside a URL and read a backslash as a slash, so {@code /\t/example.org} and
 * {@code /\example.org} would leave the site; anything but a plain path starting with a single
 * {@code /} is replaced by {@code /}.
 */
public final class LocalPath {
  static final int MAX_LENGTH = 2000;

  private LocalPath() {}

  public static String orRoot(String raw) {
    return isLocal(raw) ? raw : "/";
  }

  static boolean isLocal(String raw) {
    if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH || raw.charAt(0) != '/') {
      return false;
    }
    if (raw.length() > 1 && (raw.charAt(1) == '/' || raw.charAt(1) == '\\')) {
      return false; // "//host" and "/\host" name another host
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return false;
      }
    }
    return true;
  }
}
