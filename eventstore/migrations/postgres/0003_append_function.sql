-- One append batch in one statement, so the writer pays one round trip per
-- group commit and runs it in autocommit (no BEGIN/COMMIT trips). Versions
-- and hashes are computed by the caller; the unique keys (stream_id,
-- stream_version) and commands.command_id turn a stale caller into an error
-- that rolls the whole statement back.
--
-- No NOTIFY here: a transaction that notifies takes the database's notify
-- queue lock at commit and holds it through the commit's flush, which would
-- put every append (of every server) in one line again. The writer announces
-- its new head after the commit, from a separate connection.
--
-- Appends do not hold the advisory lock through their commit, so one
-- append's fsync does not queue every other server's appends behind it
-- (until this migration they took pg_advisory_xact_lock, held to the end).
--
-- The lock now covers only what must happen in one order: the transaction
-- gets its id (xid) and draws its positions while holding it, so among
-- appends, xid order and position order agree. A reader then takes only rows
-- whose xid is below the oldest transaction still running
-- (pg_snapshot_xmin of its own snapshot): every row below such a row's
-- position belongs to an older append, which has therefore committed or
-- aborted, so a reader can never skip a position that commits late.
--
-- Existing rows get this migration's xid (the table is rewritten once);
-- rows written by a server still running the previous code get their own
-- xid through the default, so a rolling upgrade keeps the guarantee.
ALTER TABLE events ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION returns_append(
    e_streams text[], e_versions int8[], e_ids uuid[], e_types text[], e_schemas int4[],
    e_payloads jsonb[], e_metadata jsonb[], e_recorded timestamptz[], e_hashes bytea[],
    c_ids uuid[], c_streams text[], c_first uuid[], c_last uuid[], c_next int8[],
    c_kinds text[], c_input_hashes text[])
RETURNS TABLE (appended_event_id uuid, appended_position int8)
LANGUAGE plpgsql AS $$
BEGIN
    -- Session-level, released below before the commit; the exception block
    -- releases it when the insert fails (a session lock outlives an error).
    -- 32199698206060147 = 0x0072657475726e73, "returns" in ASCII.
    PERFORM pg_advisory_lock(32199698206060147);
    BEGIN
        -- Assigns this transaction's xid under the lock, before any position.
        PERFORM pg_current_xact_id();
        RETURN QUERY
        WITH inserted AS (
            INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version,
                                payload, metadata, recorded_at, hash)
            SELECT * FROM unnest(e_streams, e_versions, e_ids, e_types, e_schemas,
                                 e_payloads, e_metadata, e_recorded, e_hashes)
            RETURNING events.event_id AS id, events.position AS pos
        ), recorded AS (
            INSERT INTO commands (command_id, stream_id, first_position, last_position, next_version,
                                  command_kind, input_hash)
            SELECT c.id, c.stream, f.pos, l.pos, c.next, c.kind, c.input_hash
            FROM unnest(c_ids, c_streams, c_first, c_last, c_next, c_kinds, c_input_hashes)
                 AS c (id, stream, first_event, last_event, next, kind, input_hash)
            JOIN inserted f ON f.id = c.first_event
            JOIN inserted l ON l.id = c.last_event
            -- A data-modifying CTE runs to completion whether or not it is read.
        )
        SELECT inserted.id, inserted.pos FROM inserted;
    EXCEPTION WHEN OTHERS THEN
        PERFORM pg_advisory_unlock(32199698206060147);
        RAISE;
    END;
    PERFORM pg_advisory_unlock(32199698206060147);
END
$$;
