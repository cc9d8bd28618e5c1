package dev.berth.web.view;

/** Asks "really cancel?" when the browser runs no JavaScript (htmx asks with a dialog instead). */
public record CancelPage(Layout layout, String id, String name, String state) {}
