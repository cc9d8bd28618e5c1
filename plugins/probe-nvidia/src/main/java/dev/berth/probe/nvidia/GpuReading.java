package dev.berth.probe.nvidia;

import dev.berth.api.GpuResources;
import java.util.List;

/** The GPUs one nvidia-smi run reported, and what went wrong reading them. */
record GpuReading(List<GpuResources> gpus, List<String> errors) {
  GpuReading {
    gpus = List.copyOf(gpus);
    errors = List.copyOf(errors);
  }

  /** No GPUs, one error: the run failed as a whole. */
  static GpuReading failed(String error) {
    return new GpuReading(List.of(), List.of(error));
  }
}
