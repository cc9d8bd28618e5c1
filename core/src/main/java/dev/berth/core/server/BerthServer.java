package dev.berth.core.server;

import dev.berth.core.flow.FlowAccess;
import dev.berth.core.flow.JobFlowService;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.api.JobTemplate;
import dev.berth.api.SettingsSchema;
import dev.berth.api.IdentityStore;
import dev.berth.api.QueueStore;
import dev.berth.core.api.ApiRoutes;
import dev.berth.core.api.JsonMapperFactory;
import dev.berth.core.auth.AuditLog;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.AuthConfig;
import dev.berth.core.auth.AuthMode;
import dev.berth.core.auth.IdentityService;
import dev.berth.core.auth.InitialAdmin;
import dev.berth.core.auth.LoginThrottle;
import dev.berth.core.auth.PasswordHasher;
import dev.berth.core.auth.Sessions;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.DataDirectory;
import dev.berth.core.config.ConfigException;
import dev.berth.core.host.ActiveExtensions;
import dev.berth.core.host.BundledPlugins;
import dev.berth.core.host.PluginHost;
import dev.berth.core.idle.IdleGuard;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import dev.berth.core.jobs.SubmissionParser;
import dev.berth.core.jobs.TimeLimits;
import dev.berth.core.metrics.BerthMetrics;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.notify.NotifyConfig;
import dev.berth.core.notify.NotifyPreferencesService;
import dev.berth.core.notify.WebhookHosts;
import dev.berth.core.usage.UsageMetrics;
import dev.berth.core.usage.UsageService;
import dev.berth.core.scheduler.JobChanges;
import dev.berth.core.scheduler.LeaseKeeper;
import dev.berth.core.scheduler.Leadership;
import dev.berth.core.scheduler.PassRules;
import dev.berth.core.scheduler.PolicyPanel;
import dev.berth.core.scheduler.Reconciler;
import dev.berth.core.scheduler.ResourceMonitor;
import dev.berth.core.scheduler.ResourceService;
import dev.berth.core.scheduler.Scheduler;
import dev.berth.core.scheduler.StateWriter;
import dev.berth.core.fairshare.FairShareService;
import dev.berth.core.settings.FairshareSettings;
import dev.berth.core.settings.IdleGuardSettings;
import dev.berth.core.settings.LimitSettings;
import dev.berth.core.settings.SchedulerSettings;
import dev.berth.core.settings.SettingsService;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires Berth together and runs it: plugins, settings, the probe thread, the scheduler, the
 * reconciler and the HTTP server. Close it to stop everything in reverse order; running jobs keep
 * running and are re-adopted at the next start.
 */
public final class BerthServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);

  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final BerthServices services;
  private final Javalin http;
  private final QueueStore store;

  private BerthServer(BerthConfig config, Clock clock, Path bundledPlugins) {
    try {
      Started started = wire(config, clock, bundledPlugins);
      this.services = started.services();
      this.http = started.http();
      this.store = started.store();
    } catch (RuntimeException e) {
      closeAll();
      throw e;
    }
  }

  private record Started(BerthServices services, Javalin http, QueueStore store) {}

  private Started wire(BerthConfig config, Clock clock, Path bundledPlugins) {
    DataDirectory.prepare(config.dataDir());
    BundledPlugins.seed(bundledPlugins, config.pluginsDir());
    SettingsService settings = new SettingsService();
    settings.register(SchedulerSettings.SCHEMA);
    settings.register(LimitSettings.SCHEMA);
    settings.register(FairshareSettings.SCHEMA);
    settings.register(IdleGuardSettings.SCHEMA);
    AuthConfig authConfig = AuthConfig.from(config.tree());

    PluginHost host = new PluginHost(config, clock, settings::current);
    toClose.add(host);
    host.loadAll();
    ActiveExtensions ext = host.activate();
    for (SettingsSchema schema : host.declaredSettings()) {
      settings.register(schema);
    }
    settings.attach(ext.store());
    Auth auth = auth(authConfig, ext.store(), config, clock);
    settings.auditTo(auth.audit());
    FairShareService fairShare = new FairShareService(ext.store(),
        () -> settings.current(FairshareSettings.SECTION), clock);

    BerthMetrics metrics = new BerthMetrics();
    metrics.bindQueue(ext.store());
    NotifyPreferencesService notifyPreferences =
        new NotifyPreferencesService(ext.store(), ext.executor(), WebhookHosts.from(config.tree()));
    host.users(notifyPreferences);
    ListenerDelivery notifications = new ListenerDelivery(ext.listeners(), NotifyConfig.backoff(config.tree()),
        ListenerDelivery.DEFAULT_CAPACITY, clock, metrics);
    JobChanges changes = new JobChanges(ext.store(), notifications);
    StateWriter writer = new StateWriter(ext.store(), changes);
    PolicyPanel policies = new PolicyPanel(ext.policies());

    AtomicReference<Scheduler> schedulerRef = new AtomicReference<>();
    AtomicReference<Reconciler> reconcilerRef = new AtomicReference<>();
    Leadership leadership = Leadership.ALONE;
    LeaseKeeper keeper = null;
    if (ext.lease() != null) {
      keeper = new LeaseKeeper(ext.lease(), holderId(), config.leaseTtl(), clock, () -> {
        Reconciler r = reconcilerRef.get();
        if (r != null) {
          r.requestFullPass();
        }
        Scheduler s = schedulerRef.get();
        if (s != null) {
          s.wake();
        }
      });
      leadership = keeper;
      toClose.add(keeper); // closed after the scheduler stops: no claim outlives the lease
    }
    // Only the leading process acts on an idle job, so two Berth processes never both warn or cancel.
    IdleGuard idleGuard = new IdleGuard(ext.store(), ext.executor(), writer, notifications, auth.audit(),
        () -> settings.current(IdleGuardSettings.SECTION), clock,
        () -> schedulerRef.get() != null && schedulerRef.get().leading());
    AtomicReference<ResourceMonitor> monitorRef = new AtomicReference<>();
    ResourceMonitor monitor = new ResourceMonitor(ext.probe(), clock, metrics,
        () -> SchedulerSettings.probeIntervalSeconds(settings.current(SchedulerSettings.SECTION)),
        () -> {
          settings.refresh();
          schedulerRef.get().wake();
          idleGuard.onSample(monitorRef.get().latest());
        });
    monitorRef.set(monitor);
    Scheduler scheduler = new Scheduler(ext.store(), ext.executor(), ext.order(), monitor, policies, writer, clock,
        metrics,
        () -> PassRules.from(settings::current),
        () -> SchedulerSettings.probeIntervalSeconds(settings.current(SchedulerSettings.SECTION)),
        leadership, fairShare::snapshot);
    schedulerRef.set(scheduler);
    changes.subscribe(scheduler::onChange);
    changes.subscribe(new UsageMetrics(metrics)::onChange);
    Reconciler reconciler = new Reconciler(ext.store(), ext.executor(), writer, scheduler, clock, config.reconcileInterval(),
        config.timeLimitSlack());
    reconcilerRef.set(reconciler);
    settings.onChange(s -> {
      if (s.section().equals(SchedulerSettings.SECTION)) {
        monitor.intervalChanged();
      }
      scheduler.wake();
    });

    ObjectMapper json = JsonMapperFactory.create();
    SubmissionParser parser = new SubmissionParser(name -> template(ext, name), config.defaultTemplate(),
        () -> TimeLimits.from(settings.current(LimitSettings.SECTION)),
        () -> LimitSettings.maxArraySize(settings.current(LimitSettings.SECTION)));
    JobService jobs = new JobService(ext.store(), ext.executor(), ext.order(), writer, scheduler, metrics, clock, parser);
    JobAccess access = new JobAccess(jobs, ext.store(), settings, auth.audit(), auth.mode(),
        authConfig.usersReadOthersLogs());
    JobFlowService flows = new JobFlowService(ext.store(), jobs, writer, scheduler, clock);
    BerthServices services = new BerthServices(config, clock, json, jobs, access, settings, host,
        new ResourceService(monitor, policies, ext.store(),
            () -> IdleGuardSettings.thresholdPercent(settings.current(IdleGuardSettings.SECTION))), changes, new SystemStatus(ext.store(), metrics), auth,
        fairShare, notifications, notifyPreferences, new UsageService(ext.store(), clock,
            // The ledger is fed only while an order that scores is active (see UsageAccountant).
            () -> ext.order().scoresJobs() ? FairshareSettings.halfLife(settings.current(FairshareSettings.SECTION)) : null,
            idleGuard::points),
        flows, new FlowAccess(flows, jobs, auth.audit()), idleGuard);

    ext.executor().start(reconciler);
    if (keeper != null) {
      keeper.tick();
    }
    if (scheduler.leading()) {
      reconciler.reconcileAll();
    }
    toClose.add(changes);
    toClose.add(monitor);
    toClose.add(scheduler);
    toClose.add(reconciler);
    if (keeper != null) {
      keeper.start();
    }
    monitor.start();
    scheduler.start();
    reconciler.start();

    Javalin http = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.jsonMapper(new JavalinJackson(json, false));
      // A body that declares its length is refused by RequestLimits before it is read; this caps one
      // that does not (chunked) where Javalin reads it, such as a form. RequestBodies counts its own.
      cfg.http.maxRequestSize = config.maxBodyBytes();
      ApiRoutes.register(cfg, services);
      for (WebModule module : ServiceLoader.load(WebModule.class)) {
        module.register(cfg, services);
      }
    });
    http.start(config.host(), config.port());
    LOG.info("Berth listening on http://{}:{} (store {}, executor {}, probe {})", config.host(), http.port(),
        config.extensions().store(), config.extensions().executor(), config.extensions().probe());
    toClose.add(http::stop);
    return new Started(services, http, ext.store());
  }

  /**
   * Identity and access for the configured mode. Local mode needs a store that keeps identities
   * ({@link IdentityStore}); on the first start with no users it creates the administrator.
   */
  private static Auth auth(AuthConfig authConfig, dev.berth.api.QueueStore store, BerthConfig config, Clock clock) {
    IdentityStore identities = store instanceof IdentityStore i ? i : null;
    AuditLog audit = new AuditLog(identities, clock);
    Sessions sessions = new Sessions(clock, authConfig.sessionIdle(), authConfig.sessionMax());
    IdentityService service = null;
    switch (authConfig.mode()) {
      case LOCAL -> {
        if (identities == null) {
          throw new ConfigException("auth.mode local keeps users in the queue store, but the store '"
              + config.extensions().store() + "' does not keep identities; use another store or auth.mode proxy");
        }
        PasswordHasher hasher = new PasswordHasher();
        service = new IdentityService(identities, hasher,
            new LoginThrottle(clock, authConfig.loginMaxFailures(),
            authConfig.loginMaxFailuresPerAddress(), authConfig.loginWindow(), LoginThrottle.TRACKED), sessions, audit, clock);
        InitialAdmin.ensure(identities, hasher, config.dataDir(), authConfig.initialAdminPassword(), clock);
      }
      case PROXY -> LOG.info("Sign-in by proxy: trusting {} from {}", authConfig.proxyUserHeader(), authConfig.proxyTrusted());
      case NONE -> LOG.warn("auth.mode is none: nobody signs in and every caller is an administrator."
          + " Use it only on a single-user workstation that nobody else can reach.");
    }
    return new Auth(authConfig, service, sessions, audit);
  }

  /** Names this process in the lease: host, pid and a random part, unique across restarts. */
  private static String holderId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host + "/" + ProcessHandle.current().pid() + "/" + Long.toHexString(new java.security.SecureRandom().nextLong());
  }

  private static JobTemplate template(ActiveExtensions ext, String name) {
    for (JobTemplate t : ext.executor().templates()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** Starts Berth; throws {@link dev.berth.core.config.ConfigException} for a bad configuration. */
  public static BerthServer start(BerthConfig config, Clock clock, Path bundledPlugins) {
    return new BerthServer(config, clock, bundledPlugins);
  }

  public int port() {
    return http.port();
  }

  /** Every route the server answers (the API's and the web module's), as registered. */
  public List<Endpoint> routes() {
    return http.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint)
        .filter(e -> e.method.isHttpMethod()).toList();
  }

  public BerthServices services() {
    return services;
  }

  /**
   * The active queue store, for tests that play a part of Berth outside this server (a second
   * process's writes, the scheduler's usage accruals). The HTTP side never gets it: see {@link
   * BerthServices}.
   */
  public QueueStore store() {
    return store;
  }

  @Override
  public void close() {
    closeAll();
  }

  private void closeAll() {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        LOG.warn("Shutdown step failed: {}", e.toString());
      }
    }
  }
}
