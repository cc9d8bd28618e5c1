package dev.berth.core.api;

/** A request body exceeded the configured limit ({@code api.maxBodyBytes}). */
final class RequestTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RequestTooLargeException(long limit) {
    super("the body must be at most " + limit + " bytes");
  }
}
