package dev.berth.core.api;

/** A request body exceeded its route's limit ({@code api.maxBodyBytes}, or the route's {@link BodyLimit}). */
public final class RequestTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RequestTooLargeException(long limit) {
    this("the body must be at most " + limit + " bytes");
  }

  RequestTooLargeException(String message) {
    super(message);
  }
}
