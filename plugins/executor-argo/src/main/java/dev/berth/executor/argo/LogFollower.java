package dev.berth.executor.argo;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;

/**
 * Reads on in one run's pod logs and appends what is new to its kept copy. Each read asks the API
 * server only for lines since the last one kept ({@code sinceTime}, with {@code timestamps=true}),
 * and drops lines already kept by their time stamps, so a log is never fetched whole again and the
 * kubelet's rotation (it serves only the current file, 10 MiB by default) moves no offset: the
 * kept copy only grows. Where it stands per pod (last time stamp, how many lines had it, whether the
 * pod was read after it ended) is kept beside the log, so a restarted Berth reads on from there.
 */
final class LogFollower {
  /** The notice a log ends with when some of it was lost before Berth could read it. */
  static final String LOST =
      "[berth] this log is incomplete: a pod of workflow %s was deleted (Argo's pod garbage"
          + " collection or a TTL) before Berth read all of its log. If the cluster archives logs"
          + " (archiveLogs), `argo logs %s` through the Argo server or the artifact repository has"
          + " them.\n";

  private final LogArchive archive;
  private final String runId;
  private final Instant submittedAt;
  private final String workflow;
  private final Properties state = new Properties();

  LogFollower(LogArchive archive, String runId, Instant submittedAt, String workflow) {
    this.archive = archive;
    this.runId = runId;
    this.submittedAt = submittedAt;
    this.workflow = workflow;
    load();
  }

  /** Appends what the pods printed since the last read. */
  void readOn(PodLogs pods) {
    for (Pod pod : pods.podObjects(workflow)) {
      String name = pod.getMetadata().getName();
      if (isDone(name)) {
        continue;
      }
      boolean ended = isEnded(pod);
      String text = pods.stamped(name, since(name));
      if (text == null) {
        continue;
      }
      append(name, text);
      if (ended) {
        state.setProperty(key(name, "done"), "true");
      }
    }
    save();
  }

  /**
   * Reads the last lines of an ended run and completes its kept log; marks it incomplete when
   * fewer pods were read to their end than Argo ran.
   *
   * @param podsRan how many pods the workflow ran (its {@code Pod} nodes that left Pending)
   */
  void finish(PodLogs pods, int podsRan) {
    readOn(pods);
    long done = state.stringPropertyNames().stream().filter(k -> k.endsWith(".done")).count();
    archive.complete(runId, submittedAt, done < podsRan ? String.format(LOST, workflow, workflow) : null);
    try {
      Files.deleteIfExists(archive.stateFile(runId, submittedAt));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void append(String pod, String stamped) {
    String lastStamp = state.getProperty(key(pod, "ts"));
    int taken = Integer.parseInt(state.getProperty(key(pod, "n"), "0"));
    int skip = taken;
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (from < stamped.length()) {
      int newline = stamped.indexOf('\n', from);
      int end = newline < 0 ? stamped.length() : newline + 1;
      String line = stamped.substring(from, end);
      from = end;
      int space = line.indexOf(' ');
      String stamp = space < 0 ? line.strip() : line.substring(0, space);
      String text = space < 0 ? "" : line.substring(space + 1);
      // sinceTime has whole seconds: lines of that second kept before come again.
      int order = lastStamp == null ? 1 : Instant.parse(stamp).compareTo(Instant.parse(lastStamp));
      if (order < 0 || (order == 0 && skip-- > 0)) {
        continue;
      }
      if (order > 0) {
        lastStamp = stamp;
        taken = 1;
        skip = 0;
      } else {
        taken++;
      }
      out.append(text);
    }
    if (lastStamp != null) {
      state.setProperty(key(pod, "ts"), lastStamp);
      state.setProperty(key(pod, "n"), Integer.toString(taken));
    }
    // Appended before the state is saved: a crash between the two repeats a few lines, never loses any.
    if (out.length() > 0) {
      archive.append(runId, submittedAt, header(pod) + out);
      state.setProperty("open", Boolean.toString(out.charAt(out.length() - 1) != '\n'));
    }
  }

  /** {@code ==> pod <==} before a pod's lines when another pod's came before them. */
  private String header(String pod) {
    String previous = state.getProperty("current");
    state.setProperty("current", pod);
    if (previous == null || previous.equals(pod)) {
      return "";
    }
    return ("true".equals(state.getProperty("open")) ? "\n" : "") + "==> " + pod + " <==\n";
  }

  private String since(String pod) {
    String stamp = state.getProperty(key(pod, "ts"));
    return stamp == null ? null : Instant.parse(stamp).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private boolean isDone(String pod) {
    return "true".equals(state.getProperty(key(pod, "done")));
  }

  private static boolean isEnded(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String key(String pod, String what) {
    return "pod." + pod + "." + what;
  }

  /** How many pods the workflow ran, from Argo's node statuses. */
  static int podsRan(Map<String, Object> nodes) {
    int count = 0;
    for (Object raw : nodes.values()) {
      if (raw instanceof Map<?, ?> node && "Pod".equals(node.get("type"))
          && node.get("phase") != null && !"Pending".equals(node.get("phase"))
          && !"Omitted".equals(node.get("phase")) && !"Skipped".equals(node.get("phase"))) {
        count++;
      }
    }
    return count;
  }

  private void load() {
    try (Reader in = Files.newBufferedReader(archive.stateFile(runId, submittedAt), StandardCharsets.UTF_8)) {
      state.load(in);
    } catch (NoSuchFileException e) {
      // Nothing kept yet.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void save() {
    Path file = archive.stateFile(runId, submittedAt);
    try {
      Files.createDirectories(file.getParent());
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        state.store(out, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
