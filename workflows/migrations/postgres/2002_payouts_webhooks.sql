-- Payouts (finance's payout queue) and outbound webhooks (endpoints and the
-- durable delivery outbox). Ids are UUID text, times microseconds since the
-- Unix epoch (UTC), as in 2001.

-- One row per approved refund the payout workflow has seen: which mode pays
-- it and where that stands. A view of the log plus what the receiver said
-- (pending answers are not events), never the truth about money: that is
-- RefundIssued in the log.
CREATE TABLE payouts (
    refund_id       TEXT    PRIMARY KEY,
    ticket_id       TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    mode            TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    amount_minor    BIGINT  NOT NULL,
    currency        TEXT    NOT NULL,
    attempts        BIGINT  NOT NULL DEFAULT 0,
    reference       TEXT,
    reason          TEXT,
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

CREATE INDEX payouts_state ON payouts (state, updated_at);
CREATE INDEX payouts_ticket ON payouts (ticket_id);

-- Endpoints an admin registered. The secret signs every delivery, so it is
-- kept (not hashed); `events` is a comma-separated list of event types or '*'.
CREATE TABLE webhook_endpoints (
    endpoint_id TEXT    PRIMARY KEY,
    url         TEXT    NOT NULL,
    events      TEXT    NOT NULL,
    secret      TEXT    NOT NULL,
    enabled     BIGINT  NOT NULL DEFAULT 1,
    created_by  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- The outbox: one row per (endpoint, event). `delivery_id` is derived from
-- both, so the runner writing a row twice is a no-op and the receiver sees
-- one idempotency id however often the row is sent.
CREATE TABLE webhook_deliveries (
    delivery_id     TEXT    PRIMARY KEY,
    endpoint_id     TEXT    NOT NULL,
    ticket_id       TEXT    NOT NULL,
    position        BIGINT  NOT NULL,
    event_id        TEXT    NOT NULL,
    event_type      TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'delivered', 'dead')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_status     BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    delivered_at    BIGINT,
    dead_at         BIGINT
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (state, next_attempt_at);
CREATE INDEX webhook_deliveries_ticket ON webhook_deliveries (endpoint_id, ticket_id, position);
