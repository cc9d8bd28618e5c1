package dev.berth.core.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.core.errors.ValidationException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads request bodies with a hard size limit, whatever Content-Length claims, and parses JSON
 * strictly (duplicate keys and trailing garbage are errors).
 */
public final class RequestBodies {
  private final ObjectMapper json;
  private final long maxBytes;

  public RequestBodies(ObjectMapper json, long maxBytes) {
    this.json = json;
    this.maxBytes = maxBytes;
  }

  public byte[] bytes(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > maxBytes) {
        drainOrClose(ctx, in, declared);
        throw new RequestTooLargeException(maxBytes);
      }
      byte[] body = in.readNBytes((int) maxBytes + 1);
      if (body.length > maxBytes) {
        drainOrClose(ctx, in, Long.MAX_VALUE);
        throw new RequestTooLargeException(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and discards a moderately oversized body so the client, still sending, sees the 413
   * instead of a reset connection; a huge one is not worth reading, so the connection is closed.
   */
  private void drainOrClose(Context ctx, InputStream in, long declared) throws IOException {
    long budget = 16 * maxBytes;
    if (declared > budget) {
      ctx.header("Connection", "close");
      return;
    }
    byte[] sink = new byte[8192];
    long read = 0;
    for (int n; read <= budget && (n = in.read(sink)) > 0; ) {
      read += n;
    }
    if (read > budget) {
      ctx.header("Connection", "close");
    }
  }

  /**
   * The body as a JSON tree, or null when there is none: for requests whose body is optional. A
   * body that is there must be JSON, as for {@link #json}.
   */
  public JsonNode optionalJson(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length == 0 || (length < 0 && ctx.contentType() == null)) {
      return null;
    }
    return parse(ctx, true);
  }

  /** The body as a JSON tree; requires a JSON content type. */
  public JsonNode json(Context ctx) {
    return parse(ctx, false);
  }

  private JsonNode parse(Context ctx, boolean emptyIsNone) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new UnsupportedMediaException("send the body as application/json");
    }
    byte[] body = bytes(ctx);
    if (body.length == 0) {
      if (emptyIsNone) {
        return null;
      }
      throw ValidationException.of("body", "is empty; send a JSON object");
    }
    try {
      return json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ValidationException.of("body", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
