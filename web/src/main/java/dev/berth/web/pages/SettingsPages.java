package dev.berth.web.pages;

import dev.berth.core.settings.SettingsService;
import dev.berth.api.Settings;
import dev.berth.core.auth.Auth;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.ConflictException;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.NotFoundException;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.settings.SettingsSection;
import dev.berth.web.support.Flash;
import dev.berth.web.support.Htmx;
import dev.berth.web.view.SettingsPage;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/settings}: one form per section, generated from the declared settings. A save
 * sends only the fields the admin changed, through the same validation as the API (which also
 * records it in the core's audit log) and takes effect on the next scheduling pass.
 */
public final class SettingsPages {
  static final String VALUE = "value.";
  static final String ORIGINAL = "original.";

  private final Pages pages;
  private final SettingsService settings;
  private final Auth auth;
  private final SettingsViews views;

  public SettingsPages(Pages pages, SettingsService settings, Auth auth) {
    this.pages = pages;
    this.settings = settings;
    this.auth = auth;
    this.views = new SettingsViews(auth, settings);
  }

  public void register(JavalinConfig cfg) {
    cfg.routes.get("/admin/settings", ctx -> show(ctx, null, null), Role.ADMIN);
    cfg.routes.post("/admin/settings/{section}", this::save, Role.ADMIN);
  }

  private void show(Context ctx, SettingsViews.Attempt failed, String saved) {
    long t0 = System.nanoTime();
    SettingsPage page = views.page(pages.layout(ctx, "Settings", "settings", ""), failed, saved);
    pages.render(ctx, "settings.jte", "page", page, t0);
  }

  private void save(Context ctx) {
    long t0 = System.nanoTime();
    String name = ctx.pathParam("section");
    SettingsSection section = settings.section(name)
        .orElseThrow(() -> new NotFoundException("no settings section '" + name + "'"));
    Map<String, String> posted = new LinkedHashMap<>();
    Map<String, Object> changed = new LinkedHashMap<>();
    for (var d : section.schema().settings()) {
      String value = ctx.formParam(VALUE + d.key());
      if (value == null) {
        continue;
      }
      posted.put(d.key(), value);
      String original = ctx.formParam(ORIGINAL + d.key());
      if (!value.strip().equals(original == null ? null : original.strip())) {
        changed.put(d.key(), value.strip());
      }
    }
    if (changed.isEmpty()) {
      Flash.ok(section.schema().title() + ": nothing changed.").store(ctx);
      backToPage(ctx, name);
      return;
    }
    Settings after;
    try {
      after = settings.update(name, changed, Auth.principal(ctx).username());
    } catch (ValidationException e) {
      Map<String, String> errors = new LinkedHashMap<>();
      List<String> general = new ArrayList<>();
      for (FieldError f : e.errors()) {
        if (posted.containsKey(f.field())) {
          errors.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
        } else {
          general.add(f.field() + ": " + f.message());
        }
      }
      refuse(ctx, new SettingsViews.Attempt(name, posted, errors, general), section, t0);
      return;
    } catch (ConflictException e) {
      refuse(ctx, new SettingsViews.Attempt(name, posted, Map.of(), List.of(e.getMessage())), section, t0);
      return;
    }
    Flash.ok(section.schema().title() + " saved (version " + after.version() + "); it applies from the next scheduling pass.")
        .store(ctx);
    backToPage(ctx, name);
  }

  /**
   * Back to the page, to show the flash and the audit: a plain post lands at the saved section; htmx
   * loads the page itself (a URL that differs only by its fragment would not reload it).
   */
  private static void backToPage(Context ctx, String section) {
    Htmx.redirect(ctx, Htmx.isPartial(ctx) ? "/admin/settings" : "/admin/settings#section-" + section);
  }

  /** Shows the section again with the posted values and the errors (422). */
  private void refuse(Context ctx, SettingsViews.Attempt attempt, SettingsSection section, long t0) {
    ctx.status(422);
    if (Htmx.isPartial(ctx)) {
      SettingsPage.Section model = views.section(section, attempt.values(), attempt.errors(), attempt.general(), false);
      pages.render(ctx, "tag/settingsSection.jte", "s", model, t0);
    } else {
      show(ctx, attempt, null);
    }
  }
}
