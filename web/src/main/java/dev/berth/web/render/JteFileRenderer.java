package dev.berth.web.render;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Map;

/**
 * Javalin's {@link FileRenderer} over a jte {@link TemplateEngine} (no jte integration exists for
 * Javalin 7): {@code ctx.render("queue.jte", Map.of("page", model))} renders the template with the
 * map's entries as its parameters and answers it as HTML.
 */
public final class JteFileRenderer implements FileRenderer {
  private final TemplateEngine engine;

  public JteFileRenderer(TemplateEngine engine) {
    this.engine = engine;
  }

  @Override
  public String render(String filePath, Map<String, ?> model, Context ctx) {
    ctx.contentType("text/html; charset=utf-8");
    return renderToString(filePath, model);
  }

  /** Renders without a request, for tests and fragments. */
  @SuppressWarnings("unchecked")
  public String renderToString(String filePath, Map<String, ?> model) {
    StringOutput out = new StringOutput(16 * 1024);
    engine.render(filePath, (Map<String, Object>) model, out);
    return out.toString();
  }
}
