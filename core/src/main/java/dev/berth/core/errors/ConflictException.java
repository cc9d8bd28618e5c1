package dev.berth.core.errors;

/** The request is valid but the current state forbids it (cancel a finished job); answered 409. */
public class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
