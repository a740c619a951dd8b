-- SQLite's 0005 adds the table its processes announce through, for want
-- of NOTIFY; PostgreSQL announces with NOTIFY (store.rs) and needs none.
-- This file keeps the two folders numbered alike
-- (eventstore/migrations/README.md).
SELECT 1;
