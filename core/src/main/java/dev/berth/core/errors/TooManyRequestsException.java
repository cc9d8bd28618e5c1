package dev.berth.core.errors;

/** A limit was reached (sign-in attempts, queued jobs per user); answered 429 with Retry-After. */
public class TooManyRequestsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long retryAfterSeconds;

  public TooManyRequestsException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
