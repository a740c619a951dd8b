-- PostgreSQL's 0003 adds the function its writer appends through in one
-- round trip, committing outside the append lock, and the xid column its
-- readers filter on. SQLite has no stored functions and needs none: its writer is
-- in-process and appends in one BEGIN IMMEDIATE transaction. This file keeps
-- the two folders numbered alike (eventstore/migrations/README.md).
SELECT 1;
