package dev.berth.core.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Berth's version, from the build. */
public final class Version {
  private Version() {}

  public static String current() {
    try (InputStream in = Version.class.getResourceAsStream("/dev/berth/core/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "0.0.0");
      return v.startsWith("$") ? "0.0.0" : v;
    } catch (IOException e) {
      return "0.0.0";
    }
  }
}
