-- One data key per data subject, wrapped (AES-256-GCM) by the master key
-- named by master_key_id. Deleting a row erases the subject: every field
-- sealed with its key becomes unreadable while the log stays intact.
-- Times are microseconds since the Unix epoch (UTC).
CREATE TABLE data_keys (
    subject_id    TEXT    PRIMARY KEY,
    wrapped_key   BYTEA   NOT NULL,
    nonce         BYTEA   NOT NULL,
    master_key_id TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL
);

-- Blind index: a keyed hash (HMAC-SHA256) of each searchable personal value
-- (customer name, phone) per ticket, so the worklist can be searched by an
-- exact value without holding it. Erasure deletes the subject's rows.
CREATE TABLE personal_index (
    digest     TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    stream_id  TEXT NOT NULL,
    PRIMARY KEY (digest, stream_id)
);
CREATE INDEX personal_index_subject ON personal_index (subject_id);

-- Erased subjects and when: so `verify`-style reports and a re-opened key
-- can tell "erased" from "never had a key".
CREATE TABLE erased_subjects (
    subject_id TEXT    PRIMARY KEY,
    erased_at  BIGINT  NOT NULL
);
