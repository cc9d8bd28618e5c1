package dev.berth.web.view;

import java.util.List;

/**
 * An admin's view of one user's API tokens, each with a button to revoke it.
 *
 * @param error why the last revocation was refused, shown inline, or null
 */
public record UserTokensPage(Layout layout, String username, List<TokensPage.Token> tokens, String error) {}
