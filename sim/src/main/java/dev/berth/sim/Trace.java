package dev.berth.sim;

import java.util.List;

/**
 * The jobs read from a trace file, in submission order, and what was left out on the way with why
 * (a pod that asked for no GPU, one that never ran), so the report can say so.
 */
public record Trace(List<TraceJob> jobs, List<String> notes) {
  public Trace {
    jobs = List.copyOf(jobs);
    notes = List.copyOf(notes);
  }
}
