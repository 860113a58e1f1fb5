#include "core/store/Schema.h"

namespace reverie::store {

namespace {

// v1: the whole data model of DESIGN.md. Times are Unix milliseconds (UTC).
constexpr const char *kV1 = R"sql(
CREATE TABLE sources (
    id              INTEGER PRIMARY KEY,
    path            TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL UNIQUE,     -- sha256 of the file: same content, no re-import
    size_bytes      INTEGER NOT NULL,
    imported_at     INTEGER NOT NULL,
    trajectory_count INTEGER NOT NULL DEFAULT 0,
    step_count      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE trajectories (
    id              INTEGER PRIMARY KEY,
    source_id       INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    external_id     TEXT    NOT NULL,
    workflow        TEXT,
    task            TEXT,
    agent           TEXT,
    model           TEXT,
    playbook_version INTEGER NOT NULL DEFAULT 0,
    started_at      INTEGER,
    ended_at        INTEGER,
    outcome         TEXT,
    verdict         INTEGER NOT NULL DEFAULT 0 CHECK (verdict IN (0, 1, 2)), -- unknown, success, failure
    verdict_notes   TEXT,
    reviewer        TEXT,
    step_count      INTEGER NOT NULL DEFAULT 0,
    error_count     INTEGER NOT NULL DEFAULT 0,
    extra           TEXT,                        -- JSON: fields without a column
    UNIQUE (source_id, external_id)
);
CREATE INDEX trajectories_external ON trajectories(external_id);
CREATE INDEX trajectories_verdict ON trajectories(verdict, started_at);
CREATE INDEX trajectories_workflow ON trajectories(workflow, verdict);
CREATE INDEX trajectories_model ON trajectories(model);

CREATE TABLE steps (
    id              INTEGER PRIMARY KEY,
    trajectory_id   INTEGER NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    ts              INTEGER,
    kind            INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 7),
    tool            TEXT,
    call_id         TEXT,
    role            TEXT,
    text            TEXT,
    is_error        INTEGER NOT NULL DEFAULT 0,
    duration_ms     INTEGER,
    raw             TEXT,                        -- the original record, lossless
    UNIQUE (trajectory_id, seq)
);

-- Full-text index over what a person reads in a step, kept by the writer (external content).
-- No per-row sizes (columnsize=0): nothing ranks by length, and steps without text need no row.
CREATE VIRTUAL TABLE steps_fts USING fts5(text, tool, content='steps', content_rowid='id', columnsize=0);

-- The playbook: every version a full snapshot, hash-chained to its parent.
CREATE TABLE playbook_versions (
    number          INTEGER PRIMARY KEY,         -- 1, 2, 3 ...
    parent          INTEGER REFERENCES playbook_versions(number),
    author          TEXT    NOT NULL,
    reason          TEXT,
    created_at      INTEGER NOT NULL,
    change          TEXT    NOT NULL,            -- import, approve, edit, rollback, revert, manual
    proposal_id     INTEGER REFERENCES proposals(id),
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL UNIQUE
);

-- The rules of each snapshot.
CREATE TABLE version_rules (
    version         INTEGER NOT NULL REFERENCES playbook_versions(number),
    position        INTEGER NOT NULL,
    rule_id         TEXT    NOT NULL REFERENCES rules(id),
    text            TEXT    NOT NULL,
    scope           TEXT    NOT NULL DEFAULT '{}',   -- JSON {workflows:[], tools:[]}
    stakes          INTEGER NOT NULL DEFAULT 0,
    origin          TEXT,
    PRIMARY KEY (version, rule_id)
);

-- Rule identities across versions: a removed or replaced rule is retired, never erased.
CREATE TABLE rules (
    id              TEXT PRIMARY KEY,
    created_version INTEGER NOT NULL,
    retired_version INTEGER,
    superseded_by   TEXT,
    origin          TEXT
);

CREATE TABLE dream_runs (
    id              INTEGER PRIMARY KEY,
    engine          TEXT    NOT NULL,
    parameters      TEXT    NOT NULL DEFAULT '{}',
    selection       TEXT    NOT NULL DEFAULT '{}',
    status          TEXT    NOT NULL,            -- running, succeeded, failed, cancelled
    started_at      INTEGER NOT NULL,
    finished_at     INTEGER,
    error           TEXT,
    trajectory_count INTEGER NOT NULL DEFAULT 0,
    proposal_count  INTEGER NOT NULL DEFAULT 0
);

-- Which runs a dream pass has read, for "not yet dreamed over".
CREATE TABLE dream_inputs (
    dream_run_id    INTEGER NOT NULL REFERENCES dream_runs(id) ON DELETE CASCADE,
    trajectory_id   INTEGER NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    PRIMARY KEY (dream_run_id, trajectory_id)
);
CREATE INDEX dream_inputs_trajectory ON dream_inputs(trajectory_id);

CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY,
    dream_run_id    INTEGER REFERENCES dream_runs(id),   -- NULL: written by a person
    op              TEXT    NOT NULL CHECK (op IN ('add', 'edit', 'remove', 'merge')),
    target_rules    TEXT    NOT NULL DEFAULT '[]',       -- JSON array of rule ids
    text            TEXT    NOT NULL DEFAULT '',
    rationale       TEXT,
    scope           TEXT    NOT NULL DEFAULT '{}',
    stakes          INTEGER NOT NULL DEFAULT 0,
    confidence      REAL    NOT NULL DEFAULT 0,
    support         INTEGER NOT NULL DEFAULT 0,
    base_version    INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'pending',
    author          TEXT,
    kind            TEXT,
    replay          TEXT,                                -- JSON ReplayRecord
    conflicts       TEXT    NOT NULL DEFAULT '[]',       -- JSON array of typed conflicts
    created_at      INTEGER NOT NULL
);
CREATE INDEX proposals_status ON proposals(status);

CREATE TABLE evidence (
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    trajectory_id   INTEGER NOT NULL REFERENCES trajectories(id),
    step_id         INTEGER REFERENCES steps(id),
    note            TEXT
);
CREATE INDEX evidence_proposal ON evidence(proposal_id);
CREATE INDEX evidence_trajectory ON evidence(trajectory_id);

-- Decisions, hash-chained like the versions so that a rewritten review is detectable.
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    proposal_id     INTEGER REFERENCES proposals(id),
    reviewer        TEXT    NOT NULL,
    decision        TEXT    NOT NULL,            -- approve, reject, edit, rollback, revert
    comment         TEXT,
    edited_text     TEXT,
    produced_version INTEGER REFERENCES playbook_versions(number),
    created_at      INTEGER NOT NULL,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL UNIQUE
);
CREATE INDEX reviews_proposal ON reviews(proposal_id);

-- Operator policy: high-stakes scopes, approvals needed, publish targets.
CREATE TABLE policy (
    key             TEXT PRIMARY KEY,
    value           TEXT NOT NULL
);
)sql";

// v2: saved trajectory-browser views (filters by name).
constexpr const char *kV2 = R"sql(
CREATE TABLE saved_views (
    name            TEXT PRIMARY KEY,
    filter          TEXT NOT NULL                -- JSON TrajectoryFilter
);
)sql";

// The browser's default order (failed first, newest first) read straight from an index:
// the first page of a large workspace then needs no sort of every run.
//
// And steps lose their UNIQUE (trajectory_id, seq) index. A step's id is (run << 24) | seq
// (TrajectoryWriter.h), so the primary key already orders a run's steps and keeps them
// unique; the second index only cost every imported step another B-tree insert. A run's
// steps are read by id range. The full-text index keeps pointing at the same ids.
constexpr const char *kV3 = R"sql(
CREATE INDEX trajectories_failed_first ON trajectories((verdict = 2), started_at, id);

CREATE TABLE steps_v3 (
    id              INTEGER PRIMARY KEY,         -- (trajectory_id << 24) | seq
    trajectory_id   INTEGER NOT NULL REFERENCES trajectories(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    ts              INTEGER,
    kind            INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 7),
    tool            TEXT,
    call_id         TEXT,
    role            TEXT,
    text            TEXT,
    is_error        INTEGER NOT NULL DEFAULT 0,
    duration_ms     INTEGER,
    raw             TEXT,                        -- the original record, lossless
    CHECK (id = (trajectory_id << 24) | seq)
);
INSERT INTO steps_v3 (id, trajectory_id, seq, ts, kind, tool, call_id, role, text, is_error, duration_ms, raw)
    SELECT id, trajectory_id, seq, ts, kind, tool, call_id, role, text, is_error, duration_ms, raw FROM steps;
DROP TABLE steps;
ALTER TABLE steps_v3 RENAME TO steps;
)sql";

// FTS5 keeps a transaction's new index entries in memory and writes them out as a new
// segment each time they pass 'hashsize' bytes (1 MiB by default). A large import then
// wrote hundreds of small segments and merged them again and again; with 64 MiB it writes
// a few large ones and spends about a third less time on the index. The memory is only
// used while a large import runs; it is freed at commit.
constexpr const char *kV4 = R"sql(
INSERT INTO steps_fts (steps_fts, rank) VALUES ('hashsize', 67108864);
)sql";

// v5: the approval gate (issue 13).
// - Reviews say what they approved (`subject`: the hash of the exact text, scope and stakes a
//   reviewer saw, so an edit restarts the count), what a policy change changed (`detail`),
//   and may carry the reviewer's SSH signature over the review's hash (`signature`).
// - Proposals may also be a rollback, a revert or a policy change waiting for approvers:
//   the op list grows (SQLite cannot alter a CHECK, so the small table is rebuilt), with
//   `target_ref` (the version restored, the proposal reverted) and `payload` (JSON).
// - A dream run names the process that runs it (`owner`), so that a run left "running" by a
//   process that died is marked interrupted on the next open.
constexpr const char *kV5 = R"sql(
ALTER TABLE reviews ADD COLUMN subject TEXT;
ALTER TABLE reviews ADD COLUMN detail TEXT;
ALTER TABLE reviews ADD COLUMN signature TEXT;
ALTER TABLE dream_runs ADD COLUMN owner TEXT;

CREATE TABLE proposals_v5 (
    id              INTEGER PRIMARY KEY,
    dream_run_id    INTEGER REFERENCES dream_runs(id),   -- NULL: written by a person
    op              TEXT    NOT NULL CHECK (op IN ('add', 'edit', 'remove', 'merge', 'rollback', 'revert', 'policy')),
    target_rules    TEXT    NOT NULL DEFAULT '[]',       -- JSON array of rule ids
    text            TEXT    NOT NULL DEFAULT '',
    rationale       TEXT,
    scope           TEXT    NOT NULL DEFAULT '{}',
    stakes          INTEGER NOT NULL DEFAULT 0,
    confidence      REAL    NOT NULL DEFAULT 0,
    support         INTEGER NOT NULL DEFAULT 0,
    base_version    INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'pending',
    author          TEXT,
    kind            TEXT,
    replay          TEXT,                                -- JSON ReplayRecord
    conflicts       TEXT    NOT NULL DEFAULT '[]',       -- JSON array of typed conflicts
    created_at      INTEGER NOT NULL,
    target_ref      INTEGER NOT NULL DEFAULT 0,          -- rollback: the version; revert: the proposal
    payload         TEXT                                 -- policy: JSON of the change
);
INSERT INTO proposals_v5 (id, dream_run_id, op, target_rules, text, rationale, scope, stakes, confidence, support,
                          base_version, status, author, kind, replay, conflicts, created_at)
    SELECT id, dream_run_id, op, target_rules, text, rationale, scope, stakes, confidence, support,
           base_version, status, author, kind, replay, conflicts, created_at FROM proposals;
DROP TABLE proposals;
ALTER TABLE proposals_v5 RENAME TO proposals;
CREATE INDEX proposals_status ON proposals(status);
)sql";

// v6: replay into the files agents read, and which playbook each run saw (issue 14).
// - publish_outbox: what each target must reach; a decision writes it in its own transaction,
//   publishing works it off, and whatever a failure or a crash left is finished later.
// - publish_log: every publish attempt (target, version, hash, result), hash-chained.
// - trajectories.playbook_source: how the run's playbook_version was known (explicit,
//   marker, publish; NULL: unknown), and cwd: the folder the run worked in, when it said.
constexpr const char *kV6 = R"sql(
ALTER TABLE trajectories ADD COLUMN playbook_source TEXT;
ALTER TABLE trajectories ADD COLUMN cwd TEXT;
-- Until now only a run's own explicit field could set its version.
UPDATE trajectories SET playbook_source = 'explicit' WHERE playbook_version > 0;

CREATE TABLE publish_outbox (
    target          TEXT PRIMARY KEY,
    version         INTEGER NOT NULL,            -- the playbook version the target must reach
    queued_at       INTEGER NOT NULL
);

CREATE TABLE publish_log (
    id              INTEGER PRIMARY KEY,
    target          TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    playbook_hash   TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    result          TEXT    NOT NULL,            -- 'ok', or why it failed
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL UNIQUE
);
CREATE INDEX publish_log_target ON publish_log(target, created_at);
)sql";

// v7: a run is stored once (issue 15).
// - trajectories.format: a run's identity is its format plus its external id, whichever file
//   brought it. The index on (external_id, format) replaces the one on external_id alone and
//   serves both lookups. Not UNIQUE: workspaces already hold the duplicates earlier imports
//   of grown files made.
// - sources.imported_bytes / imported_lines / prefix_hash: how much of the file was read and
//   the XXH3-128 of those bytes (32 hex digits; workspaces of the first schema 7 builds hold a
//   SHA-256, 64 digits, and read the file whole once), so that a file that grew is read from
//   where it ended. Such a file's content_hash is then "xxh3-128:<hex>:<size>", not a SHA-256.
// - evidence.cited_text / cited_seq / run_changed: a run whose earlier steps changed has them
//   replaced; the evidence that cited a removed step keeps what it cited and says so.
constexpr const char *kV7 = R"sql(
ALTER TABLE trajectories ADD COLUMN format TEXT;
UPDATE trajectories SET format = (SELECT format FROM sources WHERE sources.id = trajectories.source_id);
DROP INDEX trajectories_external;
CREATE INDEX trajectories_identity ON trajectories(external_id, format);

ALTER TABLE sources ADD COLUMN imported_bytes INTEGER;
ALTER TABLE sources ADD COLUMN imported_lines INTEGER;
ALTER TABLE sources ADD COLUMN prefix_hash TEXT;
CREATE INDEX sources_path ON sources(path);

ALTER TABLE evidence ADD COLUMN cited_text TEXT;
ALTER TABLE evidence ADD COLUMN cited_seq INTEGER;
ALTER TABLE evidence ADD COLUMN run_changed INTEGER NOT NULL DEFAULT 0;
)sql";

// v8: the hold-out check (issue 16). proposals.holdout: how a mined rule fared on the newest
// runs its pass held back from mining, as JSON ({"result": "held", "agreed": 9, "applicable":
// 10, ...}); '' for proposals made before it, by a person, or with the check off.
constexpr const char *kV8 = R"sql(
ALTER TABLE proposals ADD COLUMN holdout TEXT NOT NULL DEFAULT '';
)sql";

} // namespace

const std::vector<Migration> &migrations()
{
    static const std::vector<Migration> all = {
        {1, "sources, trajectories, steps with FTS5, playbook history, dreams, proposals, reviews", kV1},
        {2, "saved trajectory views", kV2},
        {3, "an index for the failed-first order; steps keyed by id alone", kV3, true},
        {4, "larger in-memory full-text index batches for large imports", kV4},
        {5, "approvals bound to what they saw, signatures, gated rollbacks and policy changes", kV5, true},
        {6, "a publish outbox and log; how a run's playbook version was known", kV6},
        {7, "a run is stored once: runs keyed by format and id, files read from where they ended", kV7},
        {8, "proposals keep how they fared on the newer runs a dream pass held out", kV8},
    };
    return all;
}

int latestSchemaVersion() { return migrations().back().version; }

} // namespace reverie::store
