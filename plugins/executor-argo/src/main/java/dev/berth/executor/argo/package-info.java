/**
 * The {@code argo} job executor: runs each job as an Argo {@code Workflow} on Kubernetes, talking to
 * the API server directly with the fabric8 client (no {@code argo} CLI).
 *
 * <p>The cluster is the truth about a run. A job's workflow is named {@code berth-<job id>} and
 * labelled {@code berth.dev/job-id}, so a submission repeated after a crash finds it again, and a
 * restarted Berth re-adopts every run from the cluster. The data directory only keeps copies of the
 * logs of finished runs, so they survive the deletion of their pods.
 */
package dev.berth.executor.argo;
