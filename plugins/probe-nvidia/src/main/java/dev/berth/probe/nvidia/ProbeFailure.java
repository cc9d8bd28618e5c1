package dev.berth.probe.nvidia;

/**
 * A measurement that could not be taken. Its message is shown to users as it is ("nvidia-smi timed
 * out after 2000 ms"), so it names what failed and why in one line.
 */
final class ProbeFailure extends Exception {
  private static final long serialVersionUID = 1L;

  ProbeFailure(String message) {
    super(message);
  }

  ProbeFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
