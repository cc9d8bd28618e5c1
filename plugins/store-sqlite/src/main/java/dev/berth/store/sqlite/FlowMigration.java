package dev.berth.store.sqlite;

import java.util.List;

/**
 * Schema 7: the HELD state, dependencies, arrays and retries. The state CHECK names every state and
 * SQLite cannot alter a CHECK, so the jobs table is rebuilt as schema 4 rebuilt it: its children are
 * set aside first and rebuilt after, so no row ever points at a missing job, and the id sequence
 * continues. Jobs stored before this version are on their own: no dependency, no array, no retries,
 * first attempt.
 */
final class FlowMigration {
  private FlowMigration() {}

  static final Migration V7 =
      new Migration(
          7,
          "the HELD state, dependencies, arrays and retries",
          List.of(
              """
              CREATE TABLE jobs_v7 (
                id                  INTEGER PRIMARY KEY AUTOINCREMENT,
                name                TEXT    NOT NULL,
                user_name           TEXT    NOT NULL,
                template            TEXT    NOT NULL,
                gpus                INTEGER NOT NULL,
                priority            INTEGER NOT NULL,
                state               TEXT    NOT NULL CHECK (state IN
                                      ('QUEUED', 'HELD', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'FAILED',
                                       'CANCELLED', 'TIMED_OUT')),
                submitted_at        TEXT    NOT NULL,
                scheduled_at        TEXT,
                started_at          TEXT,
                finished_at         TEXT,
                placement_node      TEXT,
                placement_gpus      TEXT,
                exit_code           INTEGER,
                message             TEXT,
                executor_ref        TEXT,
                time_limit_seconds  INTEGER CHECK (time_limit_seconds IS NULL OR time_limit_seconds > 0),
                usage_counted_until TEXT,
                notify              TEXT,
                depends_on          TEXT,
                array_id            INTEGER,
                array_index         INTEGER,
                array_max_running   INTEGER CHECK (array_max_running IS NULL OR array_max_running > 0),
                max_retries         INTEGER NOT NULL DEFAULT 0 CHECK (max_retries >= 0),
                attempt             INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1)
              )\
              """,
              """
              INSERT INTO jobs_v7 (id, name, user_name, template, gpus, priority, state, submitted_at,
                scheduled_at, started_at, finished_at, placement_node, placement_gpus, exit_code, message,
                executor_ref, time_limit_seconds, usage_counted_until, notify)
              SELECT id, name, user_name, template, gpus, priority, state, submitted_at, scheduled_at,
                started_at, finished_at, placement_node, placement_gpus, exit_code, message, executor_ref,
                time_limit_seconds, usage_counted_until, notify
              FROM jobs\
              """,
              """
              INSERT INTO sqlite_sequence (name, seq)
              SELECT 'jobs_v7', 0 FROM sqlite_sequence WHERE name = 'jobs'
                AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'jobs_v7')\
              """,
              """
              UPDATE sqlite_sequence
              SET seq = MAX(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'jobs'))
              WHERE name = 'jobs_v7' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'jobs')\
              """,
              "CREATE TABLE job_parameters_v6 AS SELECT * FROM job_parameters",
              "CREATE TABLE job_events_v6 AS SELECT * FROM job_events",
              "DROP TABLE job_parameters",
              "DROP TABLE job_events",
              "DROP TABLE jobs",
              "ALTER TABLE jobs_v7 RENAME TO jobs",
              """
              CREATE TABLE job_parameters (
                job_id INTEGER NOT NULL REFERENCES jobs (id),
                name   TEXT    NOT NULL,
                value  TEXT    NOT NULL,
                PRIMARY KEY (job_id, name)
              ) WITHOUT ROWID\
              """,
              """
              CREATE TABLE job_events (
                job_id     INTEGER NOT NULL REFERENCES jobs (id),
                sequence   INTEGER NOT NULL,
                at         TEXT    NOT NULL,
                from_state TEXT,
                to_state   TEXT    NOT NULL,
                actor      TEXT    NOT NULL,
                message    TEXT,
                PRIMARY KEY (job_id, sequence)
              ) WITHOUT ROWID\
              """,
              "INSERT INTO job_parameters (job_id, name, value) SELECT job_id, name, value FROM job_parameters_v6",
              """
              INSERT INTO job_events (job_id, sequence, at, from_state, to_state, actor, message)
              SELECT job_id, sequence, at, from_state, to_state, actor, message FROM job_events_v6\
              """,
              "DROP TABLE job_parameters_v6",
              "DROP TABLE job_events_v6",
              "CREATE INDEX jobs_by_state ON jobs (state, id)",
              "CREATE INDEX jobs_by_user ON jobs (user_name, id)",
              // The claim counts an array's running jobs in its compare-and-set.
              "CREATE INDEX jobs_by_array ON jobs (array_id, state) WHERE array_id IS NOT NULL",
              "INSERT INTO job_counts (state, n) VALUES ('HELD', 0)",
              """
              CREATE TRIGGER job_counts_on_insert AFTER INSERT ON jobs
              BEGIN
                UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
              END\
              """,
              """
              CREATE TRIGGER job_counts_on_delete AFTER DELETE ON jobs
              BEGIN
                UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
              END\
              """,
              """
              CREATE TRIGGER job_counts_on_state_change AFTER UPDATE OF state ON jobs
              WHEN OLD.state IS NOT NEW.state
              BEGIN
                UPDATE job_counts SET n = n - 1 WHERE state = OLD.state;
                UPDATE job_counts SET n = n + 1 WHERE state = NEW.state;
              END\
              """));
}
