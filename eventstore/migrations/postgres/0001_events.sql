-- The append-only log. Positions come from the identity sequence; writers take
-- a transaction-scoped advisory lock before drawing one, so positions become
-- visible in commit order and a subscriber can never skip an in-flight one.
CREATE TABLE events (
    position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id      TEXT        NOT NULL,
    stream_version BIGINT      NOT NULL,
    event_id       UUID        NOT NULL UNIQUE,
    event_type     TEXT        NOT NULL,
    schema_version INTEGER     NOT NULL,
    payload        JSONB       NOT NULL,
    metadata       JSONB       NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    hash           BYTEA       NOT NULL,
    -- Optimistic concurrency rests on this key: a second writer of the same
    -- version fails here (23505) and becomes Conflict.
    CONSTRAINT events_stream_version UNIQUE (stream_id, stream_version)
);

CREATE INDEX events_recorded_at ON events (stream_id, recorded_at);

CREATE FUNCTION returns_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION returns_immutable();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION returns_immutable();

-- Idempotency: the first result of every command id.
CREATE TABLE commands (
    command_id     UUID   PRIMARY KEY,
    stream_id      TEXT   NOT NULL,
    first_position BIGINT NOT NULL,
    last_position  BIGINT NOT NULL,
    next_version   BIGINT NOT NULL
);

-- Seals pin the log head so that deleting the newest events of a stream is
-- still detected by verify.
CREATE TABLE seals (
    seal_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    head_position BIGINT      NOT NULL,
    stream_count  BIGINT      NOT NULL,
    heads_hash    BYTEA       NOT NULL,
    sealed_at     TIMESTAMPTZ NOT NULL
);

CREATE TRIGGER seals_immutable BEFORE UPDATE OR DELETE ON seals
    FOR EACH ROW EXECUTE FUNCTION returns_immutable();
CREATE TRIGGER seals_no_truncate BEFORE TRUNCATE ON seals
    FOR EACH STATEMENT EXECUTE FUNCTION returns_immutable();
