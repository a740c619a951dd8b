-- What an endpoint receives of a ticket's personal fields: 'omit' (the
-- fields are left out; the default, for endpoints registered before), 'mask'
-- (as warehouse and finance see them) or 'full' (the values, an admin's
-- explicit grant to that receiver). Applied when a delivery is sent: the
-- outbox keeps the event as stored (encrypted), so erasure reaches it.
ALTER TABLE webhook_endpoints ADD COLUMN personal_data TEXT NOT NULL DEFAULT 'omit';
