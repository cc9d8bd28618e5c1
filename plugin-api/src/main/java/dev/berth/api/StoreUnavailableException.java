package dev.berth.api;

/**
 * A store could not reach its backing storage (connection refused, disk gone, database locked past
 * its timeout). The host answers 503 and retries later; it never treats this as "not found".
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
