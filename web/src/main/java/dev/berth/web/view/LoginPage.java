package dev.berth.web.view;

/**
 * The sign-in form.
 *
 * @param next where to go once signed in (a local path)
 * @param username what was typed, shown again after a failure
 * @param error why the last attempt failed, or null
 * @param passwords false when this server does not take passwords (proxy or none mode)
 */
public record LoginPage(Layout layout, String next, String username, String error, boolean passwords) {}
