-- People who sign in to the console. Passwords are kept only as argon2id
-- PHC strings (salt and parameters inside), so a leaked table costs an
-- attacker a slow, memory-hard guess per password.
CREATE TABLE users (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    disabled_at   TIMESTAMPTZ NULL
);

-- Sessions: like API tokens only the SHA-256 of the secret is kept. They end
-- at expires_at, after an idle gap since last_seen_at, or when revoked.
CREATE TABLE sessions (
    token_hash   BYTEA PRIMARY KEY,
    user_name    TEXT NOT NULL REFERENCES users (name),
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    revoked_at   TIMESTAMPTZ NULL
);
CREATE INDEX sessions_by_user ON sessions (user_name);

-- Failed sign-ins, per account and per address, for throttling.
CREATE TABLE sign_in_failures (
    scope     TEXT NOT NULL,
    subject   TEXT NOT NULL,
    failed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_failures_by_subject ON sign_in_failures (scope, subject);
