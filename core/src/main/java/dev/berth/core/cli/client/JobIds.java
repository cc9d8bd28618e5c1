package dev.berth.core.cli.client;

/** Job ids are decimal numbers; anything else is a usage error, found before a request is made. */
final class JobIds {
  private JobIds() {}

  static String check(String id) {
    if (id == null || !id.matches("[0-9]{1,19}")) {
      throw new CliFailure(ExitCodes.USAGE, "'" + id + "' is not a job id (a number, like 12)");
    }
    return id;
  }
}
