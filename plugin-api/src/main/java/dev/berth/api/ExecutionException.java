package dev.berth.api;

/** An executor could not start a job; the message is shown to the job's user as the reason. */
public class ExecutionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExecutionException(String message) {
    super(message);
  }

  public ExecutionException(String message, Throwable cause) {
    super(message, cause);
  }
}
