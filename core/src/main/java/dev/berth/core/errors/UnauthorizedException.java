package dev.berth.core.errors;

/** The request carries no valid credentials; answered 401 on the API, a redirect to /login on pages. */
public class UnauthorizedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }
}
