-- Platform actions to send through a shop's open API (api mode): one row
-- per (ticket, action number), written from `PlatformActionRequested` by
-- the outbox's filler, claimed and sent by any server's runner. The row
-- holds only keys and delivery state: what to send is read from the
-- ticket when it is sent, so a person who did it meanwhile is seen.
CREATE TABLE platform_outbox (
    ticket_id       TEXT    NOT NULL,
    seq             BIGINT  NOT NULL,
    shop            TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    due_by          BIGINT,
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'finished')),
    attempts        BIGINT  NOT NULL DEFAULT 0,
    stale_answers   BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    finished_at     BIGINT,
    PRIMARY KEY (ticket_id, seq)
);

CREATE INDEX platform_outbox_due ON platform_outbox (state, next_attempt_at);
