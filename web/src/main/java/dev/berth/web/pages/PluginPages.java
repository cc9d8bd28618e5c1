package dev.berth.web.pages;

import dev.berth.core.host.PluginHost;
import dev.berth.core.notify.ListenerDelivery;
import dev.berth.core.auth.Auth;
import dev.berth.core.api.BodyLimit;
import dev.berth.core.auth.Role;
import dev.berth.core.host.PluginInfo;
import dev.berth.web.plugins.PluginUpload;
import dev.berth.web.support.Flash;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.UploadedFile;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /admin/plugins}: every plugin with its state and extensions, and a jar upload that
 * installs a plugin without a restart. Admins only (the core's access rules), and audited: a
 * plugin is code that runs in the server.
 */
public final class PluginPages {
  private static final Logger LOG = LoggerFactory.getLogger(PluginPages.class);

  private final Pages pages;
  private final Auth auth;
  private final PluginHost plugins;
  private final PluginViews views;
  private final PluginUpload upload;

  public PluginPages(Pages pages, Auth auth, PluginHost plugins, ListenerDelivery notifications, PluginUpload upload) {
    this.pages = pages;
    this.auth = auth;
    this.plugins = plugins;
    this.views = new PluginViews(plugins, notifications);
    this.upload = upload;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/admin/plugins", ctx -> show(ctx, null), Role.ADMIN);
    // The one route that takes more than api.maxBodyBytes: a jar, and the form's other fields.
    cfg.routes.addEndpoint(Endpoint.create(HandlerType.POST, "/admin/plugins")
        .addMetadata(new Roles(Set.of(Role.ADMIN)))
        .addMetadata(new BodyLimit(upload.maxBytes() + 64 * 1024, tooLarge()))
        .handler(this::upload));
  }

  private void show(Context ctx, String uploadError) {
    long t0 = System.nanoTime();
    pages.render(ctx, "plugins.jte", "page",
        views.page(pages.layout(ctx, "Plugins", "plugins", ""), uploadError, upload.maxBytes()), t0);
  }

  private void upload(Context ctx) {
    UploadedFile file;
    try {
      file = ctx.isMultipartFormData() ? ctx.uploadedFile("jar") : null;
    } catch (Exception e) {
      // Jetty refuses a part over the size limit, or a malformed body, while parsing (a ServletException).
      LOG.info("Plugin upload refused: {}", e.toString());
      refuse(ctx, 413, tooLarge());
      return;
    }
    if (file == null || file.filename() == null || file.filename().isBlank()) {
      refuse(ctx, 422, "choose a plugin jar to upload");
      return;
    }
    PluginInfo installed;
    try {
      installed = upload.install(file.filename(), file.content());
    } catch (IllegalArgumentException e) {
      refuse(ctx, 422, e.getMessage());
      return;
    }
    String provides = installed.extensions().stream().map(PluginInfo.ExtensionInfo::point).distinct()
        .collect(Collectors.joining(", "));
    String message = "Plugin " + installed.id() + " " + (installed.version() == null ? "" : installed.version()) + " installed: "
        + installed.state() + (installed.error() != null ? " (" + installed.error() + ")" : "")
        + (provides.isEmpty() ? "." : "; it provides " + provides + ", which takes effect after restart once chosen in berth.yaml.");
    auth.audit().record(dev.berth.core.auth.Auth.principal(ctx).username(), "plugin.install", installed.id(),
        file.filename() + ": " + installed.state());
    (installed.error() != null ? Flash.error(message) : Flash.ok(message)).store(ctx);
    ctx.header("Location", "/admin/plugins").status(303);
  }

  private String tooLarge() {
    return "the upload was refused: it must be a plugin jar of at most " + upload.maxBytes() / (1024 * 1024) + " MiB";
  }

  private void refuse(Context ctx, int status, String message) {
    ctx.status(status);
    show(ctx, message);
  }
}
