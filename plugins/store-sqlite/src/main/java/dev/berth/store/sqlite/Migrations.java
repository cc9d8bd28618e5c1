package dev.berth.store.sqlite;

import java.util.List;

/** Every schema migration, in version order. */
final class Migrations {
  private Migrations() {}

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "jobs with parameters, job events, settings",
              List.of(
                  // AUTOINCREMENT: ids are never reused, even after the newest job's row is
                  // deleted.
                  """
                  CREATE TABLE jobs (
                    id             INTEGER PRIMARY KEY AUTOINCREMENT,
                    name           TEXT    NOT NULL,
                    user_name      TEXT    NOT NULL,
                    template       TEXT    NOT NULL,
                    gpus           INTEGER NOT NULL,
                    priority       INTEGER NOT NULL,
                    state          TEXT    NOT NULL CHECK (state IN
                                     ('QUEUED', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
                    submitted_at   TEXT    NOT NULL,
                    scheduled_at   TEXT,
                    started_at     TEXT,
                    finished_at    TEXT,
                    placement_node TEXT,
                    placement_gpus TEXT,
                    exit_code      INTEGER,
                    message        TEXT,
                    executor_ref   TEXT
                  )\
                  """,
                  "CREATE INDEX jobs_by_state ON jobs (state, id)",
                  "CREATE INDEX jobs_by_user ON jobs (user_name, id)",
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
                  """
                  CREATE TABLE settings (
                    section TEXT    NOT NULL PRIMARY KEY,
                    version INTEGER NOT NULL
                  ) WITHOUT ROWID\
                  """,
                  """
                  CREATE TABLE setting_values (
                    section TEXT NOT NULL REFERENCES settings (section),
                    key     TEXT NOT NULL,
                    value   TEXT NOT NULL,
                    PRIMARY KEY (section, key)
                  ) WITHOUT ROWID\
                  """)),
          new Migration(
              2,
              "users, API token hashes, audit log",
              List.of(
                  """
                  CREATE TABLE users (
                    username      TEXT    NOT NULL PRIMARY KEY,
                    password_hash TEXT    NOT NULL,
                    admin         INTEGER NOT NULL,
                    disabled      INTEGER NOT NULL,
                    created_at    TEXT    NOT NULL
                  ) WITHOUT ROWID\
                  """,
                  """
                  CREATE TABLE api_tokens (
                    id           TEXT NOT NULL PRIMARY KEY,
                    username     TEXT NOT NULL,
                    name         TEXT NOT NULL,
                    hash         TEXT NOT NULL UNIQUE,
                    created_at   TEXT NOT NULL,
                    last_used_at TEXT
                  ) WITHOUT ROWID\
                  """,
                  "CREATE INDEX api_tokens_by_user ON api_tokens (username, created_at)",
                  """
                  CREATE TABLE audit_log (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    at       TEXT NOT NULL,
                    actor    TEXT NOT NULL,
                    action   TEXT NOT NULL,
                    target   TEXT NOT NULL,
                    detail   TEXT NOT NULL
                  )\
                  """)),
          new Migration(
              3,
              "per-state job counts, kept by triggers",
              List.of(
                  // Triggers, not store code, keep the counts: every writer of the file, an older
                  // Berth or an admin's sqlite3 shell included, keeps them exact in its own
                  // transaction. A row per state the CHECK of jobs.state allows, so the triggers
                  // only ever update.
                  """
                  CREATE TABLE job_counts (
                    state TEXT    NOT NULL PRIMARY KEY,
                    n     INTEGER NOT NULL
                  ) WITHOUT ROWID\
                  """,
                  """
                  INSERT INTO job_counts (state, n)
                  SELECT s.state, (SELECT COUNT(*) FROM jobs WHERE jobs.state = s.state)
                  FROM (SELECT 'QUEUED' AS state UNION ALL SELECT 'SCHEDULED'
                        UNION ALL SELECT 'RUNNING' UNION ALL SELECT 'COMPLETED'
                        UNION ALL SELECT 'FAILED' UNION ALL SELECT 'CANCELLED') AS s\
                  """,
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
                  """)));

  /** The version a database has once every migration ran. */
  static int latestVersion() {
    return ALL.get(ALL.size() - 1).version();
  }
}
