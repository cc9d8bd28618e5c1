package dev.berth.core.cli.client;

import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code berth logout}: revokes the saved token on the server, then deletes the credentials file. */
@Command(name = "logout", description = "Revoke the saved API token and delete the credentials file.")
public final class LogoutCommand extends ClientCommand {
  @Override
  protected int run(ClientContext ctx) {
    CredentialsFile file = ctx.credentialsFile();
    Optional<Credentials> saved = file.read();
    if (saved.isEmpty()) {
      ctx.out().println("Not signed in (no " + file.path() + ").");
      return ExitCodes.OK;
    }
    Credentials c = saved.get();
    String note = "";
    if (c.tokenId() != null) {
      try {
        ctx.api(c).delete("/api/v1/me/tokens/" + c.tokenId());
      } catch (CliFailure e) {
        if (e.exitCode() != ExitCodes.NOT_SIGNED_IN && e.exitCode() != ExitCodes.NOT_FOUND) {
          // The server could not revoke it: keep the file, so that logout can be run again.
          throw new CliFailure(e.exitCode(), "the token was not revoked, so the credentials are kept: " + e.getMessage());
        }
        note = " (the server no longer knew the token)";
      }
    }
    file.delete();
    ctx.out().println("Signed out of " + c.server() + note + "; deleted " + file.path());
    return ExitCodes.OK;
  }
}
