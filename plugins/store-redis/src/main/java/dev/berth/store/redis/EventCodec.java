package dev.berth.store.redis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.berth.api.JobEvent;
import dev.berth.api.JobState;
import java.time.Instant;

/**
 * Reads one entry of a job's event list. The scripts write it with {@code cjson.encode}:
 * {@code {"n":2,"at":"…","from":"QUEUED","to":"SCHEDULED","by":"scheduler","msg":"…"}}, where
 * {@code from} and {@code msg} are absent when null.
 */
final class EventCodec {
  private EventCodec() {}

  static JobEvent decode(String jobId, String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    return new JobEvent(
        jobId,
        o.get("n").getAsLong(),
        Instant.parse(o.get("at").getAsString()),
        o.has("from") ? JobState.valueOf(o.get("from").getAsString()) : null,
        JobState.valueOf(o.get("to").getAsString()),
        o.get("by").getAsString(),
        text(o.get("msg")));
  }

  private static String text(JsonElement e) {
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
