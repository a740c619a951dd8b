-- One row per projection version: how far it has applied the log. The runner
-- moves `position` in the same transaction as the rows it wrote, so a crash
-- never loses or doubles an event's effect. `caught_up_at` (microseconds, UTC)
-- is set once the projection first reaches the log head: queries switch to a
-- new version only then.
CREATE TABLE projection_checkpoints (
    name         TEXT    PRIMARY KEY,
    position     INTEGER NOT NULL,
    caught_up_at INTEGER,
    updated_at   INTEGER NOT NULL
);
