package dev.berth.web.view;

/** A page that could not be shown, and why, in words; never a stack trace. */
public record ErrorPage(Layout layout, int status, String detail) {}
