package dev.berth.probe.nvidia;

/** What a finished nvidia-smi run printed, and how it exited. */
record CommandOutput(String stdout, String stderr, int exitCode) {}
