package dev.berth.web.pages;

import dev.berth.api.NotifyPreferences;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.notify.NotifyPreferencesService;
import dev.berth.core.notify.WebhookHosts;
import dev.berth.web.support.Flash;
import dev.berth.web.view.NotificationsPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /account/notifications}: the signed-in user's address, events and own webhook. */
public final class NotifyPages {
  /** The events in the order a person thinks of them, with the words the form shows. */
  private static final Map<String, String> LABELS = labels();

  private final Pages pages;
  private final NotifyPreferencesService preferences;
  private final WebhookHosts webhookHosts;

  public NotifyPages(Pages pages, NotifyPreferencesService preferences, WebhookHosts webhookHosts) {
    this.pages = pages;
    this.preferences = preferences;
    this.webhookHosts = webhookHosts;
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/account/notifications", this::show, Role.USER);
    cfg.routes.post("/account/notifications", this::save, Role.USER);
  }

  private void show(Context ctx) {
    NotifyPreferences p = preferences.preferences(Auth.principal(ctx).username());
    render(ctx, p.email(), p.events(), p.webhookUrl(), Map.of());
  }

  private void save(Context ctx) {
    String email = ctx.formParam("email");
    List<String> events = ctx.formParams("events");
    String webhookUrl = ctx.formParam("webhookUrl");
    try {
      preferences.save(Auth.principal(ctx).username(), email, events, webhookUrl);
      Flash.ok("Notification settings saved.").store(ctx);
      ctx.redirect("/account/notifications", HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      for (FieldError f : e.errors()) {
        errors.putIfAbsent(f.field(), f.message());
      }
      ctx.status(422);
      render(ctx, email, Set.copyOf(events), webhookUrl, errors);
    }
  }

  private void render(Context ctx, String email, Set<String> chosen, String webhookUrl, Map<String, String> errors) {
    long t0 = System.nanoTime();
    List<NotificationsPage.Event> events = LABELS.entrySet().stream()
        .map(e -> new NotificationsPage.Event(e.getKey(), e.getValue(), chosen.contains(e.getKey())))
        .toList();
    pages.render(ctx, "notifications.jte", "page",
        new NotificationsPage(pages.layout(ctx, "Notifications", "notifications", ""), email == null ? "" : email, events,
            webhookUrl == null ? "" : webhookUrl, errors, webhookHosts.allowed()), t0);
  }

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("start", "starts running");
    m.put("end", "completes");
    m.put("failed", "fails");
    m.put("timed_out", "is stopped at its time limit");
    m.put("cancelled", "is cancelled");
    m.put("idle", "holds a GPU idle");
    return m;
  }
}
