-- The append-only log. `position` is the global order; AUTOINCREMENT so a
-- position is never reused, even if someone bypasses the triggers below.
CREATE TABLE events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id      TEXT    NOT NULL,
    stream_version INTEGER NOT NULL,
    event_id       TEXT    NOT NULL UNIQUE,
    event_type     TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    payload        TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    -- microseconds since the Unix epoch, UTC: integers compare and index
    -- correctly, unlike text timestamps of varying precision.
    recorded_at    INTEGER NOT NULL,
    hash           BLOB    NOT NULL,
    -- Optimistic concurrency rests on this key: a second writer of the same
    -- version fails here (SQLITE_CONSTRAINT_UNIQUE, 2067) and becomes Conflict.
    CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
);

CREATE INDEX events_recorded_at ON events (stream_id, recorded_at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: UPDATE is not allowed');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: DELETE is not allowed');
END;

-- Idempotency: the first result of every command id, so a retry returns it
-- instead of writing again.
CREATE TABLE commands (
    command_id     TEXT    PRIMARY KEY,
    stream_id      TEXT    NOT NULL,
    first_position INTEGER NOT NULL,
    last_position  INTEGER NOT NULL,
    next_version   INTEGER NOT NULL
);

-- Seals pin the log head so that deleting the newest events of a stream,
-- invisible to the hash chain alone, is still detected by verify.
CREATE TABLE seals (
    seal_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    head_position INTEGER NOT NULL,
    stream_count  INTEGER NOT NULL,
    heads_hash    BLOB    NOT NULL,
    sealed_at     INTEGER NOT NULL
);

CREATE TRIGGER seals_no_update BEFORE UPDATE ON seals
BEGIN
    SELECT RAISE(ABORT, 'seals are immutable: UPDATE is not allowed');
END;

CREATE TRIGGER seals_no_delete BEFORE DELETE ON seals
BEGIN
    SELECT RAISE(ABORT, 'seals are immutable: DELETE is not allowed');
END;
