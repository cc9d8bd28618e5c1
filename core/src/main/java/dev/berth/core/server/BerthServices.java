package dev.berth.core.server;

import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.JobFlowService;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.auth.Auth;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.host.PluginHost;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.notify.NotifyPreferencesService;
import dev.berth.core.usage.UsageService;
import dev.berth.core.scheduler.JobChangeFeed;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.settings.SettingsService;
import java.time.Clock;

/**
 * What the HTTP side may use, handed by the server to the two registrars only: {@code ApiRoutes}
 * and each {@link WebModule}. They give every handler just the parts it calls. Nothing here writes
 * to the store except through {@link JobService}, {@link SettingsService} and {@link Auth}: the
 * store, the executor, the monitor and the policies stay with the server.
 */
public record BerthServices(
    BerthConfig config,
    Clock clock,
    ObjectMapper json,
    JobService jobs,
    JobAccess access,
    SettingsService settings,
    PluginHost plugins,
    ResourceService resources,
    JobChangeFeed changes,
    SystemStatus system,
    Auth auth,
    FairShareService fairShare,
    ListenerDelivery notifications,
    NotifyPreferencesService notifyPreferences,
    UsageService usage,
    JobFlowService flows,
    FlowAccess flowAccess,
    IdleGuard idleGuard) {}
