-- Workflow checkpoints and durable timers. Ids are UUID text and times are
-- microseconds since the Unix epoch (UTC) on both backends, so the same SQL
-- runs on each and times compare as integers.

-- How far each workflow has read the log; advanced only after the commands
-- for the events up to `position` are appended.
CREATE TABLE workflow_checkpoints (
    name       TEXT    PRIMARY KEY,
    position   BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL
);

-- One row per timer. `timer_id` is derived from (kind, ticket, subject,
-- attempt), so scheduling the same timer twice is a no-op.
CREATE TABLE timers (
    timer_id       TEXT    PRIMARY KEY,
    ticket_id      TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    -- What the timer is about within the ticket (a refund or follow-up id), '' for none.
    subject        TEXT    NOT NULL DEFAULT '',
    attempt        BIGINT  NOT NULL DEFAULT 0,
    due_at         BIGINT  NOT NULL,
    state          TEXT    NOT NULL DEFAULT 'scheduled'
                   CHECK (state IN ('scheduled', 'fired', 'cancelled')),
    correlation_id TEXT,
    causation_id   TEXT,
    scheduled_at   BIGINT  NOT NULL,
    fired_at       BIGINT,
    cancelled_at   BIGINT
);

CREATE INDEX timers_due ON timers (state, due_at);
CREATE INDEX timers_ticket ON timers (ticket_id, kind, state);
