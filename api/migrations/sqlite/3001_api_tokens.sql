-- API bearer tokens. Only the SHA-256 of a token is kept: tokens are 32
-- random bytes, so a fast hash is enough (no dictionary to guess from) and a
-- leaked table grants nothing.
CREATE TABLE api_tokens (
    token_hash BLOB PRIMARY KEY,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NULL,
    revoked_at TEXT NULL
);
