package dev.berth.probe.nvidia;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, as jobs are placed on it when no node name is configured. */
final class HostName {

  private static final Path KERNEL_HOSTNAME = Path.of("/proc/sys/kernel/hostname");
  private static final String LAST_RESORT = "localhost";

  private HostName() {}

  /**
   * The name the OS gives this machine. Falls back to the kernel's own record when the name does
   * not resolve (common in containers), which is the same name without the lookup.
   */
  static String local() {
    try {
      String name = InetAddress.getLocalHost().getHostName();
      if (!name.isBlank()) {
        return name;
      }
    } catch (UnknownHostException e) {
      // Fall through to the kernel's record.
    }
    try {
      String name = Files.readString(KERNEL_HOSTNAME).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      // Not Linux, or /proc hidden: nothing better is known.
    }
    return LAST_RESORT;
  }
}
