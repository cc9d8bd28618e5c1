package dev.berth.core.jobs;

import java.net.URI;

/** A job's run in the active executor's own UI, and the text to link it with. */
public record RunLink(URI url, String label) {}
