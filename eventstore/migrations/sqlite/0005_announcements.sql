-- Announcements (an erasure, an ended credential) written by one process
-- for the others on the same file: SQLite has no NOTIFY, and the command
-- line (`returns erase`, `returns token revoke`, `returns user disable`)
-- runs as a process of its own. Every store on SQLite reads the rows after
-- the last it saw, every poll interval, and hands them to its listeners, so
-- a server's caches of keys and credential verdicts hear of a change made
-- elsewhere within that interval. `origin` names the process that wrote the
-- row (it delivered it to itself at once). Rows older than an hour are
-- deleted as new ones are written.
CREATE TABLE announcements (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    origin  TEXT    NOT NULL,
    channel TEXT    NOT NULL,
    payload TEXT    NOT NULL,
    at      INTEGER NOT NULL
);
