package dev.berth.core.cli.client;


/** The exit code that stands for how a job ended (see {@link ExitCodes#TABLE}). */
final class ExitStatus {
  private ExitStatus() {}

  /** @param job an object with {@code state} and {@code exitCode} */
  static int of(Node job) {
    Node code = job.path("exitCode");
    return switch (job.path("state").asText()) {
      case "COMPLETED" -> !code.isNumber() ? ExitCodes.OK : code.asInt();
      case "CANCELLED" -> ExitCodes.CANCELLED;
      case "TIMED_OUT" -> ExitCodes.TIMED_OUT;
      default -> !code.isNumber() || code.asInt() == 0 ? ExitCodes.ERROR : code.asInt();
    };
  }
}
