package dev.berth.core.scheduler;

import dev.berth.api.GpuVerdict;
import dev.berth.api.NodeVerdict;
import java.util.List;

/**
 * Finds a GPU's verdict in its node's verdict. The policy panel gives them as GPU 0, 1, 2... in
 * order, where the index is the place; any other list is searched, the first verdict of an index
 * counting. A pass asks for every GPU of every node it tries, and a search of a 64-GPU node for
 * each of its GPUs was a tenth of a busy scheduler's time.
 */
final class GpuVerdicts {
  private GpuVerdicts() {}

  /** Whether the verdicts are GPU 0, 1, 2... in order; ask once per node and pass it to {@link #find}. */
  static boolean numberedInOrder(NodeVerdict verdict) {
    List<GpuVerdict> list = verdict.gpus();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).index() != i) {
        return false;
      }
    }
    return true;
  }

  /** The first verdict of GPU {@code index}, or null when the policies gave none. */
  static GpuVerdict find(NodeVerdict verdict, int index, boolean numberedInOrder) {
    List<GpuVerdict> list = verdict.gpus();
    if (numberedInOrder) {
      return index >= 0 && index < list.size() ? list.get(index) : null;
    }
    for (GpuVerdict v : list) {
      if (v.index() == index) {
        return v;
      }
    }
    return null;
  }

  /** Whether the policies judged GPU {@code index} eligible; false without a verdict. */
  static boolean eligible(NodeVerdict verdict, int index, boolean numberedInOrder) {
    GpuVerdict v = find(verdict, index, numberedInOrder);
    return v != null && v.eligible();
  }
}
