-- The pool of parcels nobody announced (无头件), one row per parcel stream
-- (`parcel-<uuid>`), written by each parcel append in its own transaction:
-- the warehouse's queue, the lookup of a tracking number a ticket names,
-- and a customer's erasure reaching the parcels matched to their tickets.
-- The events stay the truth; this table only finds them.
-- Times are microseconds since the Unix epoch (UTC).
CREATE TABLE parcel_pool (
    parcel_id     TEXT    PRIMARY KEY,
    tracking_key  TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    registered_at BIGINT NOT NULL,
    ticket_id     TEXT,
    version       BIGINT NOT NULL
);
CREATE INDEX parcel_pool_tracking ON parcel_pool (tracking_key, status);
CREATE INDEX parcel_pool_status ON parcel_pool (status, registered_at);
CREATE INDEX parcel_pool_ticket ON parcel_pool (ticket_id);
