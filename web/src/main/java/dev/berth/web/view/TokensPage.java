package dev.berth.web.view;

import java.util.List;

/**
 * The signed-in user's API tokens.
 *
 * @param created a token just created, shown this once, or null
 */
public record TokensPage(Layout layout, List<Token> tokens, Created created, String error) {

  /** A token as listed: never its secret. */
  public record Token(String id, String name, String createdAt, String lastUsedAt) {}

  /** A token right after its creation. */
  public record Created(String name, String token) {}
}
