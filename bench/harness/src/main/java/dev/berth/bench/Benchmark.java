package dev.berth.bench;

/** One benchmark of docs/performance.md. */
public interface Benchmark {

  /** The id {@code --only} names, such as {@code submit}. */
  String id();

  /** The label in the results, the number first, such as {@code 1 submit}. */
  String label();

  /** Runs it, adding figures and notes to {@code context.results()}; throws when it cannot finish. */
  void run(BenchContext context) throws Exception;
}
