package dev.berth.core.cli.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth login}: asks for a username and password, creates an API token named after this host
 * with them, and saves the server and the token (never the password) in the credentials file.
 */
@Command(name = "login", description = "Sign in: create an API token and save it in ~/.config/berth/credentials (0600).")
public final class LoginCommand extends ClientCommand {
  @Option(names = {"-u", "--user"}, paramLabel = "NAME", description = "The username (asked for when missing).")
  String user;

  @Override
  protected int run(ClientContext ctx) {
    Prompt prompt = new Prompt(ctx);
    String username = user != null ? user : prompt.line("Username: ");
    String password = prompt.secret("Password: ");
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new CliFailure(ExitCodes.USAGE, "a username and a password are needed");
    }
    String server = ctx.server();
    String basic = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    ApiClient api = ctx.api(server, basic);
    Node created = api.postJson("/api/v1/me/tokens", Node.object().put("name", tokenName()));
    Credentials saved = new Credentials(server, created.path("token").asText(), created.path("id").asText(), username);
    CredentialsFile file = ctx.credentialsFile();
    file.write(saved);
    ctx.out().println("Signed in to " + server + " as " + username + "; the token '" + created.path("name").asText()
        + "' is saved in " + file.path());
    return ExitCodes.OK;
  }

  /** "berth on HOST": the token list then says where each token lives. */
  private static String tokenName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown host";
    }
    return "berth on " + (host.length() > 80 ? host.substring(0, 80) : host);
  }

  /** Reads from the terminal (the password without echo), or line by line from stdin in scripts. */
  private static final class Prompt {
    private final Console console = System.console();
    private final ClientContext ctx;
    private BufferedReader stdin;

    Prompt(ClientContext ctx) {
      this.ctx = ctx;
    }

    String line(String label) {
      if (console != null) {
        return console.readLine("%s", label);
      }
      return stdinLine();
    }

    String secret(String label) {
      if (console != null) {
        char[] p = console.readPassword("%s", label);
        return p == null ? null : new String(p);
      }
      return stdinLine();
    }

    private String stdinLine() {
      try {
        if (stdin == null) {
          stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return stdin.readLine();
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.ERROR, "cannot read stdin: " + e.getMessage());
      }
    }
  }
}
