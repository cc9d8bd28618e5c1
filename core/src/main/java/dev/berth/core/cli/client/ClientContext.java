package dev.berth.core.cli.client;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a client command works with: the environment, the output streams, the clock, and the
 * connection to the server, resolved from (first wins) {@code --server}, {@code BERTH_SERVER} and
 * {@code BERTH_TOKEN}, then the credentials file.
 */
public final class ClientContext {
  public static final String DEFAULT_SERVER = "http://localhost:8081";

  private final Map<String, String> env;
  private final String serverOption;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;
  private final Terminal terminal;

  public ClientContext(Map<String, String> env, String serverOption, PrintStream out, PrintStream err, Clock clock,
      Terminal terminal) {
    this.env = env;
    this.serverOption = serverOption;
    this.out = out;
    this.err = err;
    this.clock = clock;
    this.terminal = terminal;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public Clock clock() {
    return clock;
  }

  public Terminal terminal() {
    return terminal;
  }

  public CredentialsFile credentialsFile() {
    return new CredentialsFile(CredentialsFile.locate(env, System.getProperty("user.home")));
  }

  /** The server to talk to when signing in: --server, BERTH_SERVER, the saved one, the default. */
  public String server() {
    if (serverOption != null) {
      return serverOption;
    }
    String fromEnv = env.get("BERTH_SERVER");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    return DEFAULT_SERVER;
  }

  /** The credentials to send: BERTH_TOKEN wins over the file; --server and BERTH_SERVER over its server. */
  public Credentials credentials() {
    String token = env.get("BERTH_TOKEN");
    if (token != null && !token.isBlank()) {
      return new Credentials(server(), token.trim(), null, null);
    }
    Credentials saved = credentialsFile().read().orElseThrow(() -> new CliFailure(ExitCodes.NOT_SIGNED_IN,
        "not signed in: run berth login (or set BERTH_TOKEN)"));
    boolean serverGiven = serverOption != null || (env.get("BERTH_SERVER") != null && !env.get("BERTH_SERVER").isBlank());
    return serverGiven ? new Credentials(server(), saved.token(), saved.tokenId(), saved.username()) : saved;
  }

  /** A client that signs its requests with {@link #credentials()}. */
  public ApiClient api() {
    return api(credentials());
  }

  public ApiClient api(Credentials c) {
    return new ApiClient(c.server(), "Bearer " + c.token(), trace());
  }

  /** A client with other credentials (Basic, at login) or none. */
  public ApiClient api(String server, String authorization) {
    return new ApiClient(server, authorization, trace());
  }

  private ResponseTrace trace() {
    String file = env.get("BERTH_CLI_TRACE");
    return new ResponseTrace(file == null || file.isBlank() ? null : Path.of(file));
  }
}
