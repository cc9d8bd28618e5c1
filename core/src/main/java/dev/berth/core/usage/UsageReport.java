package dev.berth.core.usage;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/usage}: the window, how it was grouped, and each group's figures. */
public record UsageReport(Instant since, Instant until, String by, List<UsageGroup> groups) {}
