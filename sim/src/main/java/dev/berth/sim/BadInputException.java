package dev.berth.sim;

/** Input the simulator cannot use: its message is the one line the command prints. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
