package dev.berth.bench.load;

import dev.berth.bench.infra.Auth;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 keep-alive request, serialized once and sent as is by every client. */
public final class HttpRequestBytes {
  private HttpRequestBytes() {}

  public static byte[] get(int port, String path, Auth auth) {
    return build("GET", port, path, auth, null, null);
  }

  public static byte[] postJson(int port, String path, Auth auth, String json) {
    return build("POST", port, path, auth, "application/json", json);
  }

  private static byte[] build(String method, int port, String path, Auth auth, String contentType, String body) {
    byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    head.append("Accept: application/json\r\n");
    if (auth.present()) {
      head.append("Authorization: ").append(auth.header()).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append("Content-Length: ").append(payload.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[h.length + payload.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(payload, 0, all, h.length, payload.length);
    return all;
  }
}
