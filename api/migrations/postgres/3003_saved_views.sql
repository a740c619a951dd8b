-- An agent's saved views of a console screen: a name and the screen's
-- filters and sort as its URL query (`status=APPLIED&sort=-paid`), kept
-- per account so they follow the agent to any browser.
CREATE TABLE saved_views (
    actor    TEXT NOT NULL,
    screen   TEXT NOT NULL,
    name     TEXT NOT NULL,
    query    TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (actor, screen, name)
);
