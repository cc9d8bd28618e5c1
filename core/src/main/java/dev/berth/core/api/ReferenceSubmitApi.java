package dev.berth.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.auth.Role;
import dev.berth.core.errors.FieldError;
import dev.berth.core.errors.ValidationException;
import dev.berth.core.jobs.JobView;
import dev.berth.core.jobs.JobAccess;
import dev.berth.core.jobs.JobService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /submit}: the reference design's endpoint, kept so its clients work unchanged. Takes
 * {@code user}, {@code config} and {@code workdir} as a form or JSON and queues a job on the default
 * template with parameters {@code config-file} and {@code work-dir}, through the same validation as
 * {@code POST /api/v1/jobs}.
 */
final class ReferenceSubmitApi {
  private static final Set<String> FIELDS = Set.of("user", "config", "workdir");
  private final JobService jobs;
  private final JobAccess access;
  private final ObjectMapper json;
  private final RequestBodies bodies;

  ReferenceSubmitApi(JobService jobs, JobAccess access, ObjectMapper json, RequestBodies bodies) {
    this.jobs = jobs;
    this.access = access;
    this.json = json;
    this.bodies = bodies;
  }

  void register(JavalinConfig cfg) {
    cfg.routes.post("/submit", this::submit, Role.USER);
  }

  private void submit(Context ctx) {
    ObjectNode fields = readFields(ctx);
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        errors.add(new FieldError(f, "unknown field; allowed: user, config, workdir"));
      }
    }
    for (String f : FIELDS) {
      if (!fields.hasNonNull(f)) {
        errors.add(new FieldError(f, "is required"));
      } else if (!fields.get(f).isTextual()) {
        errors.add(new FieldError(f, "must be a string"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    ObjectNode job = json.createObjectNode();
    job.set("user", fields.get("user"));
    ObjectNode params = job.putObject("parameters");
    params.set("config-file", fields.get("config"));
    params.set("work-dir", fields.get("workdir"));
    JobView view;
    try {
      var submission = jobs.parse(access.submission(dev.berth.core.auth.Auth.principal(ctx), job));
      access.checkQueueLimit(submission.user());
      view = jobs.submit(submission);
    } catch (ValidationException e) {
      throw new ValidationException(e.errors().stream().map(ReferenceSubmitApi::rename).toList());
    }
    ctx.status(201).header("Location", "/api/v1/jobs/" + view.id()).json(view);
  }

  private static FieldError rename(FieldError e) {
    return switch (e.field()) {
      case "parameters.config-file" -> new FieldError("config", e.message());
      case "parameters.work-dir" -> new FieldError("workdir", e.message());
      default -> e;
    };
  }

  private ObjectNode readFields(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      JsonNode body = bodies.json(ctx);
      if (!body.isObject()) {
        throw ValidationException.of("body", "must be a JSON object");
      }
      return (ObjectNode) body;
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      ObjectNode out = json.createObjectNode();
      String form = new String(bodies.bytes(ctx), StandardCharsets.UTF_8);
      for (String pair : form.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        try {
          String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
          String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          if (out.has(key)) {
            throw ValidationException.of(key, "is given more than once");
          }
          out.put(key, value);
        } catch (IllegalArgumentException e) {
          throw ValidationException.of("body", "is not valid form encoding");
        }
      }
      return out;
    }
    throw new UnsupportedMediaException("send application/json or application/x-www-form-urlencoded");
  }
}
