-- Intake (workflows/src/intake): platform records carried onto tickets,
-- admin-defined custom fields, and mappings managed through the API.

CREATE TABLE IF NOT EXISTS intake_records (
    platform          TEXT NOT NULL,
    aftersale_id      TEXT NOT NULL,
    ticket_id         TEXT NOT NULL,
    platform_version  INTEGER,
    platform_status   TEXT,
    platform_deadline TEXT,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (platform, aftersale_id)
);

CREATE INDEX IF NOT EXISTS intake_records_ticket ON intake_records (ticket_id);

CREATE TABLE IF NOT EXISTS custom_field_definitions (
    name        TEXT PRIMARY KEY,
    field_type  TEXT NOT NULL CHECK (field_type IN ('text', 'number', 'money', 'date', 'enum', 'boolean')),
    required    BOOLEAN NOT NULL DEFAULT FALSE,
    options     TEXT NOT NULL DEFAULT '[]',
    visible_to  TEXT NOT NULL DEFAULT '[]',
    description TEXT NOT NULL DEFAULT '',
    updated_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS intake_mappings (
    platform   TEXT PRIMARY KEY,
    source     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
