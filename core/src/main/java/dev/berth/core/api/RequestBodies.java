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
    if (declared > maxBytes) {
      throw new RequestTooLargeException(maxBytes);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes((int) maxBytes + 1);
      if (body.length > maxBytes) {
        throw new RequestTooLargeException(maxBytes);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as a JSON tree; requires a JSON content type. */
  public JsonNode json(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new UnsupportedMediaException("send the body as application/json");
    }
    byte[] body = bytes(ctx);
    if (body.length == 0) {
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
