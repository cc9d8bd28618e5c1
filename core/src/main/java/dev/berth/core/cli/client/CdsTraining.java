package dev.berth.core.cli.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the client commands once against canned answers, so that the distribution build can record
 * every class they load in a class data sharing archive ({@code -XX:ArchiveClassesAtExit}, see
 * dist/pom.xml). Run with {@code BERTH_TOKEN} set; output is discarded.
 */
public final class CdsTraining {
  private static final String JOB = "{\"id\":\"7\",\"name\":\"train\",\"user\":\"alice\",\"template\":\"demo\","
      + "\"parameters\":{\"seconds\":\"1\"},\"gpus\":1,\"priority\":0,\"state\":\"QUEUED\","
      + "\"submittedAt\":\"2026-01-01T00:00:00Z\",\"scheduledAt\":null,\"startedAt\":null,\"finishedAt\":null,"
      + "\"placement\":null,\"exitCode\":null,\"message\":null,\"executorRef\":null,\"position\":1,"
      + "\"waitingReasons\":[{\"code\":\"RESOURCES\",\"message\":\"no GPU detected\"}],"
      + "\"estimatedStartAt\":\"2026-01-01T00:10:00Z\",\"estimateNote\":null,\"score\":{\"total\":11000.0,"
      + "\"factors\":[{\"name\":\"fairshare\",\"value\":1.0,\"weight\":10000.0,\"points\":10000.0},"
      + "{\"name\":\"priority\",\"value\":0.5,\"weight\":2000.0,\"points\":1000.0}]}}";
  private static final Map<String, String> ANSWERS = Map.of(
      "/api/v1/queue", "{\"running\":[" + JOB.replace("QUEUED", "RUNNING") + "],\"queued\":[" + JOB + "],\"queuedTotal\":1}",
      "/api/v1/me", "{\"username\":\"alice\",\"admin\":false,\"via\":\"token\",\"mode\":\"local\"}",
      "/api/v1/jobs/7", JOB,
      "/api/v1/jobs/7/events", "{\"events\":[{\"jobId\":\"7\",\"sequence\":1,\"at\":\"2026-01-01T00:00:00Z\",\"from\":null,"
          + "\"to\":\"QUEUED\",\"actor\":\"alice\",\"message\":null}]}",
      "/api/v1/jobs", "{\"jobs\":[" + JOB.replace("QUEUED", "COMPLETED") + "],\"next\":null}",
      "/api/v1/resources", "{\"takenAt\":\"2026-01-01T00:00:00Z\",\"nodes\":[{\"name\":\"n\",\"cpuPercent\":1.5,"
          + "\"memoryPercent\":2.5,\"eligible\":true,\"reasons\":[],\"errors\":[],\"gpus\":[{\"index\":0,\"uuid\":\"u\","
          + "\"name\":\"GPU\",\"memoryUsedMiB\":1,\"memoryTotalMiB\":2,\"memoryFreeMiB\":1,\"utilizationPercent\":5.0,"
          + "\"powerWatts\":null,\"eligible\":true,\"reasons\":[],\"reservedBy\":null}]}],\"errors\":[]}");

  private CdsTraining() {}

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = ANSWERS.get(exchange.getRequestURI().getPath());
      int status = body == null ? 404 : 200;
      if (body == null) {
        body = "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no job\",\"errors\":[]}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      System.setOut(discard);
      System.setErr(discard);
      String[][] runs = {{"queue"}, {"queue", "--all", "--json"}, {"show", "7"}, {"why", "7"}, {"history", "--all"},
          {"gpus"}, {"whoami"}, {"show", "8"}, {"queue", "--server", "http://127.0.0.1:1"}, {"help", "exit-codes"},
          {"queue", "--no-such-option"}};
      for (String[] run : runs) {
        String[] withServer = run.length > 1 && run[1].equals("--server") ? run : append(run, url);
        ClientLauncher.run(withServer);
      }
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
      server.stop(0);
    }
  }

  private static String[] append(String[] run, String url) {
    String[] out = java.util.Arrays.copyOf(run, run.length + 2);
    out[run.length] = "--server";
    out[run.length + 1] = url;
    return out;
  }
}
