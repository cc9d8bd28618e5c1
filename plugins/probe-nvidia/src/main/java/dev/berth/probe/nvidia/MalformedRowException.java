package dev.berth.probe.nvidia;

/** A row of nvidia-smi output that does not have the shape of the query's answer. */
final class MalformedRowException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedRowException(String message) {
    super(message);
  }
}
