package dev.berth.bench.plugin;

import dev.berth.api.ExecutionPhase;
import dev.berth.api.ExecutionStatus;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The executor's memory across restarts, and the benchmarks' record of when each job was handed
 * over and when it ended: an append-only text file, one line per event, fields separated by tabs
 * and escaped by {@link JournalCodec}.
 *
 * <pre>
 * S  jobId  ref  template  startedAt  parameters      (the executor's submit: the job was handed over)
 * E  jobId  phase  exitCode  finishedAt  message       (the run ended)
 * </pre>
 *
 * Instants are ISO-8601 as {@link Instant#toString()} writes them. Each line reaches the operating
 * system before the call returns (no fsync: a benchmark's executor survives Berth being killed, not
 * the machine losing power). A torn last line, from a crash in the middle of a write, is skipped at
 * replay.
 */
final class RunJournal implements AutoCloseable {
  static final String STARTED = "S";
  static final String ENDED = "E";

  private final Path file;
  private final Logger log;
  private BufferedWriter out;

  private RunJournal(Path file, Logger log) {
    this.file = file;
    this.log = log;
  }

  /** Opens (creating if needed) the journal at {@code file}. */
  static RunJournal open(Path file, Logger log) {
    RunJournal journal = new RunJournal(file, log);
    try {
      Files.createDirectories(file.getParent());
      journal.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the run journal " + file, e);
    }
    return journal;
  }

  Path file() {
    return file;
  }

  /** Every run the journal records, in the order they started, with their ends applied. */
  Map<String, VirtualRun> replay() {
    Map<String, VirtualRun> runs = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line; (line = in.readLine()) != null; ) {
        number++;
        try {
          apply(line, runs);
        } catch (RuntimeException e) {
          log.warn("run journal {} line {} skipped: {}", file, number, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run journal " + file, e);
    }
    return runs;
  }

  private static void apply(String line, Map<String, VirtualRun> runs) {
    String[] f = line.split("\t", -1);
    if (f.length != 6) {
      throw new IllegalArgumentException("expected 6 fields, found " + f.length);
    }
    String jobId = JournalCodec.unfield(f[1]);
    if (STARTED.equals(f[0])) {
      String template = JournalCodec.unfield(f[3]);
      Map<String, String> parameters = JournalCodec.unparameters(f[5]);
      RunPlan plan = RunTemplates.plan(template, parameters);
      runs.put(jobId, new VirtualRun(jobId, JournalCodec.unfield(f[2]), template, parameters, plan,
          Instant.parse(f[4])));
    } else if (ENDED.equals(f[0])) {
      VirtualRun run = runs.get(jobId);
      if (run == null) {
        throw new IllegalArgumentException("end of job " + jobId + ", which never started");
      }
      String exit = JournalCodec.unfield(f[3]);
      run.end(ExecutionPhase.valueOf(f[2]), exit == null ? null : Integer.valueOf(exit),
          JournalCodec.unfield(f[5]), Instant.parse(f[4]));
    } else {
      throw new IllegalArgumentException("unknown record '" + f[0] + "'");
    }
  }

  synchronized void started(VirtualRun run) {
    write(String.join("\t", STARTED, JournalCodec.field(run.jobId()), JournalCodec.field(run.ref()),
        JournalCodec.field(run.template()), run.startedAt().toString(),
        JournalCodec.parameters(run.parameters())));
  }

  synchronized void ended(ExecutionStatus end) {
    write(String.join("\t", ENDED, JournalCodec.field(end.jobId()), end.phase().name(),
        JournalCodec.field(end.exitCode() == null ? null : end.exitCode().toString()),
        end.finishedAt().toString(), JournalCodec.field(end.message())));
  }

  private void write(String line) {
    try {
      out.write(line);
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      log.warn("closing the run journal {} failed: {}", file, e.toString());
    }
  }
}
