package dev.berth.bench.baseline;

import io.javalin.Javalin;

/**
 * The HTTP ceiling: Berth's web framework (the same Javalin and Jetty, in a JVM started with the
 * same options) answering {@code POST /api/v1/jobs} with a fixed 201 and doing nothing else. Run as
 * its own process by the submit benchmark: {@code BareJavalin <port>}.
 */
public final class BareJavalin {
  private static final String ANSWER = "{\"id\":\"1\",\"state\":\"QUEUED\",\"position\":1}";

  private BareJavalin() {}

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    Javalin app = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.post("/api/v1/jobs", ctx -> ctx.status(201).contentType("application/json").result(ANSWER));
      cfg.routes.get("/healthz", ctx -> ctx.result("ok"));
    });
    app.start("127.0.0.1", port);
  }
}
