-- Side writes (a new data subject's key, its blind-index rows, any row a
-- caller asks to be written with its events) in the append's own statement:
-- an append that carries them is one round trip, as one that does not,
-- instead of BEGIN, the call, one INSERT per kind of row and COMMIT.
--
-- Each side write is one statement text of the caller's with one parameter,
-- $1, the rows as a JSON array of objects keyed by column
-- (`INSERT INTO t (a, b) SELECT a, b FROM jsonb_populate_recordset(NULL::t, $1)
-- ON CONFLICT …`): the rows travel as data, whatever their table's columns.
-- They run after the events are inserted, outside the append lock: the
-- transaction already has its xid (taken under the lock by the 16-argument
-- returns_append), which is all the readers' ordering needs.
--
-- A side write that must affect a number of rows and affects another raises
-- SQLSTATE RS001 (message: what it writes; detail: the rows expected; hint:
-- the rows affected), which rolls back the whole statement, events and all.
-- The 16-argument function stays for servers of the previous release during
-- a rolling upgrade.
CREATE FUNCTION returns_append(
    e_streams text[], e_versions int8[], e_ids uuid[], e_types text[], e_schemas int4[],
    e_payloads jsonb[], e_metadata jsonb[], e_recorded timestamptz[], e_hashes bytea[],
    c_ids uuid[], c_streams text[], c_first uuid[], c_last uuid[], c_next int8[],
    c_kinds text[], c_input_hashes text[],
    s_sql text[], s_rows jsonb[], s_expect int8[], s_what text[])
RETURNS TABLE (appended_event_id uuid, appended_position int8)
LANGUAGE plpgsql AS $$
DECLARE
    affected int8;
BEGIN
    RETURN QUERY SELECT * FROM returns_append(
        e_streams, e_versions, e_ids, e_types, e_schemas, e_payloads, e_metadata, e_recorded,
        e_hashes, c_ids, c_streams, c_first, c_last, c_next, c_kinds, c_input_hashes);
    FOR i IN 1 .. coalesce(array_length(s_sql, 1), 0) LOOP
        EXECUTE s_sql[i] USING s_rows[i];
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF s_expect[i] IS NOT NULL AND s_expect[i] <> affected THEN
            RAISE EXCEPTION USING ERRCODE = 'RS001', MESSAGE = s_what[i],
                DETAIL = s_expect[i]::text, HINT = affected::text;
        END IF;
    END LOOP;
END
$$;
