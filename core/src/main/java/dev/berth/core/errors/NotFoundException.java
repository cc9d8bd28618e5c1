package dev.berth.core.errors;

/** The named thing does not exist; answered 404. */
public class NotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
