package dev.berth.core.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.JobExecutor;
import dev.berth.api.QueueStore;
import dev.berth.core.auth.Auth;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.host.PluginHost;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.scheduler.JobChanges;
import dev.berth.core.scheduler.PolicyPanel;
import dev.berth.core.scheduler.ResourceMonitor;
import dev.berth.core.scheduler.ResourceReport;
import dev.berth.core.settings.SettingsService;
import java.time.Clock;

/**
 * The services HTTP handlers (the REST API here, the pages of the web module) call. Handlers stay
 * thin: they parse, call one of these, and render. {@link Auth} says who the request acts for;
 * {@link JobAccess} what that user may do with a job.
 */
public record BerthServices(
    BerthConfig config,
    Clock clock,
    ObjectMapper json,
    JobService jobs,
    SettingsService settings,
    PluginHost plugins,
    JobChanges changes,
    ResourceMonitor monitor,
    PolicyPanel policies,
    QueueStore store,
    JobExecutor executor,
    BerthMetrics metrics,
    Auth auth,
    JobAccess access) {

  public ResourceReport resources() {
    return ResourceReport.build(monitor, policies, store);
  }
}
