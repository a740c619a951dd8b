-- PostgreSQL's 0004 lets its append function run the append's side writes,
-- so an append that carries them stays one round trip. SQLite's writer is
-- in-process and already runs them in the append's own transaction. This
-- file keeps the two folders numbered alike (eventstore/migrations/README.md).
SELECT 1;
