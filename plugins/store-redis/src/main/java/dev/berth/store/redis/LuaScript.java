package dev.berth.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One of the plugin's Lua scripts (a resource next to this class), run by its SHA-1 so only the
 * hash travels; when Redis does not know it (first use, or after a restart emptied its script
 * cache), it is sent once in full, which also caches it.
 *
 * <p>A script is either run at most once per call, or {@linkplain #repeatable() repeatable}: then
 * {@link RedisPool} sends it again on a fresh connection when the pooled one turns out dead, which
 * may mean that the first run was applied and only its reply was lost. Only a script that cannot
 * apply twice may say so.
 */
final class LuaScript {
  private final String name;
  private final String source;
  private final String sha1;
  private final boolean repeatable;

  private LuaScript(String name, String source, boolean repeatable) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1(source);
    this.repeatable = repeatable;
  }

  /** A script that is never sent twice for one call. */
  static LuaScript load(String resource) {
    return new LuaScript(resource, read(resource), false);
  }

  /** A script whose second run for the same call writes nothing more than its first (reads, compare-and-sets). */
  static LuaScript loadRepeatable(String resource) {
    return new LuaScript(resource, read(resource), true);
  }

  String name() {
    return name;
  }

  boolean repeatable() {
    return repeatable;
  }

  Object run(UnifiedJedis jedis, List<String> keys, List<String> args) {
    try {
      return jedis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException notCached) {
      return jedis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script once per entry of {@code keys} and {@code args}, in order, in one round trip
   * (a pipeline that loads the script first, so no run finds it missing). Each run is atomic on its
   * own; others' commands may come between two runs.
   *
   * @return each run's reply, in order
   * @throws redis.clients.jedis.exceptions.JedisException when a run failed
   */
  List<Object> runAll(UnifiedJedis jedis, List<List<String>> keys, List<List<String>> args) {
    List<Response<Object>> replies = new ArrayList<>(keys.size());
    try (AbstractPipeline pipeline = jedis.pipelined()) {
      pipeline.scriptLoad(source, keys.isEmpty() ? "" : keys.get(0).get(0));
      for (int i = 0; i < keys.size(); i++) {
        replies.add(pipeline.evalsha(sha1, keys.get(i), args.get(i)));
      }
      pipeline.sync();
    }
    List<Object> answers = new ArrayList<>(replies.size());
    for (Response<Object> reply : replies) {
      answers.add(reply.get());
    }
    return answers;
  }

  private static String read(String resource) {
    try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("script " + resource + " is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + resource, e);
    }
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-1", e);
    }
  }
}
