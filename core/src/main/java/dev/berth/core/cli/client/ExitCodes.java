package dev.berth.core.cli.client;

/**
 * The exit codes of the client commands, one per kind of failure, so a script can tell "the server
 * is down" from "you are not allowed". {@code berth help exit-codes} and docs/cli.md print {@link
 * #TABLE}.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int NOT_SIGNED_IN = 4;
  public static final int FORBIDDEN = 5;
  public static final int NOT_FOUND = 6;
  public static final int BAD_REQUEST = 7;
  public static final int CONFLICT = 8;
  public static final int TOO_MANY_REQUESTS = 9;
  public static final int SERVER_ERROR = 10;
  public static final int TIMED_OUT = 124;
  public static final int CANCELLED = 130;

  public static final String TABLE = """
      Exit codes of the client commands (login, submit, queue, show, why, logs, cancel, hold,
      release, resubmit, array, gpus, history, whoami, logout):

        0    success
        1    any other error (a job that was not cancelled, a credentials file others can read)
        2    usage: an unknown option or a missing argument
        3    the server cannot be reached (connection refused, unknown host, timeout)
        4    not signed in: no credentials, or the server refused them (401); run berth login
        5    forbidden (403): signed in, but not allowed to do this
        6    not found (404): no such job
        7    bad request (400, 413, 415): the server names each bad field
        8    conflict (409): the job's state forbids it (cancelling a finished job, holding a running one)
        9    too many requests (429): a queue limit or too many sign-ins; try again later
        10   the server failed (5xx, or the queue store is down: 503)

      submit --follow and logs -f exit with the job's own exit code when it ends:
        the job's exit code   COMPLETED or FAILED with an exit code (FAILED without one: 1)
        124                   TIMED_OUT
        130                   CANCELLED
      """;

  private ExitCodes() {}

  /** The exit code for an HTTP error status. */
  public static int forStatus(int status) {
    return switch (status) {
      case 400, 413, 415, 422 -> BAD_REQUEST;
      case 401 -> NOT_SIGNED_IN;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 429 -> TOO_MANY_REQUESTS;
      default -> status >= 500 ? SERVER_ERROR : ERROR;
    };
  }
}
