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
                  """)),
          new Migration(
              4,
              "job time limits and the TIMED_OUT state",
              List.of(
                  // The state CHECK names every state, and SQLite cannot alter a CHECK: the jobs
                  // table is rebuilt. Foreign keys are on and cannot be switched off inside the
                  // migration's transaction, so its children are set aside first and rebuilt after,
                  // and no row ever points at a missing job. Jobs stored before this version get
                  // no limit (NULL): they were submitted without one.
                  """
                  CREATE TABLE jobs_v4 (
                    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
                    name               TEXT    NOT NULL,
                    user_name          TEXT    NOT NULL,
                    template           TEXT    NOT NULL,
                    gpus               INTEGER NOT NULL,
                    priority           INTEGER NOT NULL,
                    state              TEXT    NOT NULL CHECK (state IN
                                         ('QUEUED', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'FAILED',
                                          'CANCELLED', 'TIMED_OUT')),
                    submitted_at       TEXT    NOT NULL,
                    scheduled_at       TEXT,
                    started_at         TEXT,
                    finished_at        TEXT,
                    placement_node     TEXT,
                    placement_gpus     TEXT,
                    exit_code          INTEGER,
                    message            TEXT,
                    executor_ref       TEXT,
                    time_limit_seconds INTEGER CHECK (time_limit_seconds IS NULL OR time_limit_seconds > 0)
                  )\
                  """,
                  """
                  INSERT INTO jobs_v4 (id, name, user_name, template, gpus, priority, state, submitted_at,
                    scheduled_at, started_at, finished_at, placement_node, placement_gpus, exit_code, message,
                    executor_ref)
                  SELECT id, name, user_name, template, gpus, priority, state, submitted_at, scheduled_at,
                    started_at, finished_at, placement_node, placement_gpus, exit_code, message, executor_ref
                  FROM jobs\
                  """,
                  // Ids are never reused: the new table continues the old one's sequence, which
                  // may be past the newest row left.
                  """
                  INSERT INTO sqlite_sequence (name, seq)
                  SELECT 'jobs_v4', 0 FROM sqlite_sequence WHERE name = 'jobs'
                    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'jobs_v4')\
                  """,
                  """
                  UPDATE sqlite_sequence
                  SET seq = MAX(seq, (SELECT seq FROM sqlite_sequence WHERE name = 'jobs'))
                  WHERE name = 'jobs_v4' AND EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'jobs')\
                  """,
                  "CREATE TABLE job_parameters_v3 AS SELECT * FROM job_parameters",
                  "CREATE TABLE job_events_v3 AS SELECT * FROM job_events",
                  "DROP TABLE job_parameters",
                  "DROP TABLE job_events",
                  // Dropping the table drops its indexes and the count triggers; both are made
                  // again on the new one.
                  "DROP TABLE jobs",
                  "ALTER TABLE jobs_v4 RENAME TO jobs",
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
                  "INSERT INTO job_parameters (job_id, name, value) SELECT job_id, name, value FROM job_parameters_v3",
                  """
                  INSERT INTO job_events (job_id, sequence, at, from_state, to_state, actor, message)
                  SELECT job_id, sequence, at, from_state, to_state, actor, message FROM job_events_v3\
                  """,
                  "DROP TABLE job_parameters_v3",
                  "DROP TABLE job_events_v3",
                  "CREATE INDEX jobs_by_state ON jobs (state, id)",
                  "CREATE INDEX jobs_by_user ON jobs (user_name, id)",
                  "INSERT INTO job_counts (state, n) VALUES ('TIMED_OUT', 0)",
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
                  """)),
          new Migration(
              5,
              "the usage ledger and user shares",
              List.of(
                  """
                  CREATE TABLE usage (
                    user_name           TEXT NOT NULL PRIMARY KEY,
                    gpu_seconds         REAL NOT NULL,
                    decayed_gpu_seconds REAL NOT NULL,
                    decayed_at          TEXT NOT NULL
                  ) WITHOUT ROWID\
                  """,
                  // How far the job's GPU time is in the ledger; NULL until first counted, so jobs
                  // stored before this version are counted from their start.
                  "ALTER TABLE jobs ADD COLUMN usage_counted_until TEXT",
                  // Every existing user gets the default single share.
                  "ALTER TABLE users ADD COLUMN shares INTEGER NOT NULL DEFAULT 1 CHECK (shares >= 1)")),
          new Migration(
              6,
              "a job's own notify events",
              List.of(
                  // Comma-separated event names; NULL when the submission named none (the owner's
                  // saved choices apply), which is what every job stored before this version gets.
                  "ALTER TABLE jobs ADD COLUMN notify TEXT")),
          FlowMigration.V7,
          new Migration(
              8,
              "interactive jobs",
              List.of(
                  // 1 for a job submitted as interactive (the idle-GPU guard exempts it for a while);
                  // every job stored before this version was not.
                  "ALTER TABLE jobs ADD COLUMN interactive INTEGER NOT NULL DEFAULT 0 CHECK (interactive IN (0, 1))")));

  /** The version a database has once every migration ran. */
  static int latestVersion() {
    return ALL.get(ALL.size() - 1).version();
  }
}
