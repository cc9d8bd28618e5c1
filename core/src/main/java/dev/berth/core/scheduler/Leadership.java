package dev.berth.core.scheduler;

/**
 * Whether this process may schedule now, and the fencing token its claims must carry. Only the
 * leader claims jobs and runs the full reconciliation; the others serve the API and the UI.
 */
public interface Leadership {

  /** A process alone with its store always leads; its token is 0. */
  Leadership ALONE = new Leadership() {
    @Override
    public boolean leading() {
      return true;
    }

    @Override
    public long fencingToken() {
      return 0;
    }
  };

  boolean leading();

  /** The token of the lease held now; meaningful only while {@link #leading()}. */
  long fencingToken();
}
