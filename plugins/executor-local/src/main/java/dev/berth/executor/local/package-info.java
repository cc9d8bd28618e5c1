/**
 * The {@code local} job executor: runs each job as a process group on this machine, launched
 * through {@code setsid} and a small {@code /bin/sh} wrapper that records the exit code, so jobs
 * outlive a Berth crash and are re-adopted at the next start.
 *
 * <p>Per job, {@code <dataDir>/jobs/<id>/} holds {@code run.properties} (pid, process start time,
 * reference), {@code output.log}, {@code exit-code} once the job ended, and {@code
 * cancel-requested} once Berth asked it to stop. These files, not memory, are the truth about a
 * run.
 */
package dev.berth.executor.local;
