package dev.berth.core.cli.client;

/**
 * Where the client sends its requests and the token it signs them with.
 *
 * @param tokenId the token's id on the server, for logout; null when the token came from the
 *     environment
 * @param username who the token belongs to, as login saw it; null when unknown
 */
public record Credentials(String server, String token, String tokenId, String username) {}
