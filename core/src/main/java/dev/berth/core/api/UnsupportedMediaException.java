package dev.berth.core.api;

/** A request body came in a content type the endpoint does not take. */
final class UnsupportedMediaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnsupportedMediaException(String message) {
    super(message);
  }
}
