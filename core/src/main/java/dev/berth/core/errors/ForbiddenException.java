package dev.berth.core.errors;

/** The caller is signed in but may not do this (another user's job, an admin action); answered 403. */
public class ForbiddenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
