package dev.berth.bench.infra;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The credentials the benchmark's HTTP clients send, from the environment: {@code
 * BENCH_AUTH_BEARER} (a token, sent as {@code Authorization: Bearer …}) or {@code BENCH_AUTH_BASIC}
 * ({@code user:password}, sent as HTTP basic). Neither set: no header, which suits a server whose
 * config says {@code auth.mode: none}, as the benchmark's own configs do.
 */
public record Auth(String header) {

  public static Auth none() {
    return new Auth(null);
  }

  public static Auth fromEnvironment() {
    return from(System.getenv());
  }

  static Auth from(Map<String, String> env) {
    String bearer = env.get("BENCH_AUTH_BEARER");
    if (bearer != null && !bearer.isBlank()) {
      return new Auth("Bearer " + bearer.trim());
    }
    String basic = env.get("BENCH_AUTH_BASIC");
    if (basic != null && !basic.isBlank()) {
      if (!basic.contains(":")) {
        throw new IllegalArgumentException("BENCH_AUTH_BASIC must be user:password");
      }
      return new Auth("Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    return none();
  }

  public boolean present() {
    return header != null;
  }

  /** How the report names it, without the secret. */
  public String describe() {
    if (header == null) {
      return "none";
    }
    return header.startsWith("Bearer") ? "bearer token" : "basic";
  }
}
