package dev.berth.web;

import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.notify.WebhookHosts;
import dev.berth.core.server.BerthServices;
import dev.berth.core.server.WebModule;
import dev.berth.web.live.LiveUpdates;
import dev.berth.web.pages.AccountPages;
import dev.berth.web.pages.AdminPages;
import dev.berth.web.pages.ArrayPages;
import dev.berth.web.pages.JobPages;
import dev.berth.web.pages.NotifyPages;
import dev.berth.web.pages.Pages;
import dev.berth.web.pages.PluginPages;
import dev.berth.web.pages.QueuePages;
import dev.berth.web.pages.ResourcePages;
import dev.berth.web.pages.SettingsPages;
import dev.berth.web.pages.SignInPages;
import dev.berth.web.pages.SubmitPages;
import dev.berth.web.pages.UsagePages;
import dev.berth.web.pages.UserTokenPages;
import dev.berth.web.plugins.PluginUpload;
import dev.berth.web.render.JteFileRenderer;
import dev.berth.web.render.TemplateEngines;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;

/**
 * The web UI: server-rendered jte pages with htmx, registered on the core's Javalin. Found by the
 * core through {@link java.util.ServiceLoader}; the core does not depend on this module.
 *
 * <p>Pages: {@code /} (queue), {@code /submit}, {@code /jobs/{id}}, {@code /resources}, {@code
 * /admin/settings}, {@code /admin/plugins}, {@code /admin/users}, {@code /admin/audit}, {@code /login},
 * {@code /tokens}. Assets: {@code /ui/*} from this jar, htmx from its
 * webjar under {@code /webjars/*}. Live updates: server-sent events on {@code /ui/events}.
 */
public final class BerthWebModule implements WebModule {

  @Override
  public void register(JavalinConfig cfg, BerthServices services) {
    WebConfig web = WebConfig.from(services.config(), System.getenv(), System.getProperties());
    cfg.fileRenderer(new JteFileRenderer(web.devTemplates() == null
        ? TemplateEngines.precompiled() : TemplateEngines.hotReload(web.devTemplates())));
    cfg.staticFiles.enableWebjars();
    cfg.staticFiles.add(s -> {
      s.hostedPath = "/ui";
      s.directory = "/dev/berth/web/static";
      s.location = Location.CLASSPATH;
      s.headers = java.util.Map.of("Cache-Control", "max-age=300");
    });
    cfg.jetty.multipartConfig.maxFileSize(web.maxPluginJarBytes(), SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxTotalRequestSize(web.maxPluginJarBytes() + 64 * 1024, SizeUnit.BYTES);

    LiveUpdates live = new LiveUpdates(services.resources());
    services.changes().subscribe(live::onJobChange);
    services.settings().onChange(s -> live.onSettingsChange());
    cfg.routes.sse("/ui/events", live::attach, Role.USER);
    cfg.events.serverStarted(live::start);
    cfg.events.serverStopping(live::close);

    Pages pages = new Pages();
    // The core maps every failure once; for page requests it asks this module for the HTML page.
    services.auth().onPageError(pages::error);
    // Each page gets only the services it calls.
    Auth auth = services.auth();
    new SignInPages(pages, auth).register(cfg);
    new AccountPages(pages, auth).register(cfg);
    new NotifyPages(pages, services.notifyPreferences(), WebhookHosts.from(services.config().tree())).register(cfg);
    new AdminPages(pages, auth).register(cfg);
    new UserTokenPages(pages, auth).register(cfg);
    new QueuePages(pages, services.jobs(), services.flows(), services.resources(), services.clock(), web.pageSize()).register(cfg);
    new SubmitPages(pages, services.jobs(), services.access(), services.flowAccess(), services.config().defaultTemplate(), services.json())
        .register(cfg);
    new JobPages(pages, services.jobs(), services.access(), services.flows(), services.flowAccess(), services.clock(),
        web, services.idleGuard(), services.json()).register(cfg);
    new ArrayPages(pages, services.flows(), services.flowAccess()).register(cfg);
    new ResourcePages(pages, services.resources(), services.clock()).register(cfg);
    new UsagePages(pages, services.usage(), services.json()).register(cfg);
    new SettingsPages(pages, services.settings(), auth).register(cfg);
    new PluginPages(pages, auth, services.plugins(), services.notifications(),
        new PluginUpload(services.plugins(), services.config().pluginsDir(), web.maxPluginJarBytes())).register(cfg);
  }
}
