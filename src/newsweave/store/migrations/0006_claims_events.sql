-- newsweave store, migration 6: the corpus-level clustering of figures and events
-- (src/newsweave/resolve/claims.py and events.py). Everything here is derived: it is
-- recomputed from the per-document tables by `resolve`, and forgetting a document removes
-- its members (cascade from figures/events); the next resolve drops emptied clusters.

CREATE TABLE claims (
    id TEXT PRIMARY KEY,                 -- content id of the claim's first member figure
    what TEXT NOT NULL,                  -- normalised quantity: deaths, detentions, ...
    unit TEXT,
    value REAL NOT NULL,                 -- the most precise statement's value
    low REAL,                            -- the interval every member agrees on
    high REAL,
    qualifier TEXT,                      -- qualifier of the most precise statement
    as_of TEXT,                          -- ISO date the value is first stated for
    status TEXT NOT NULL,                -- single, corroborated, conflicting, revised
    documents INTEGER NOT NULL,          -- how many documents state it
    place TEXT,                          -- normalised place name when known
    CHECK (status IN ('single', 'corroborated', 'conflicting', 'revised'))
);
CREATE INDEX claims_what ON claims(what, as_of);

CREATE TABLE claim_members (
    figure_id TEXT PRIMARY KEY REFERENCES figures(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claimant TEXT,                       -- normalised claimant key (entity or name)
    as_of TEXT                           -- the figure's own date (as_of or publication)
);
CREATE INDEX claim_members_claim ON claim_members(claim_id);

CREATE TABLE conflicts (
    id TEXT PRIMARY KEY,
    what TEXT NOT NULL,
    kind TEXT NOT NULL,                  -- conflict (same time) or revision (later value)
    claim_ids TEXT NOT NULL,             -- JSON [claim id], in date order
    claim_values TEXT NOT NULL,          -- JSON [number], one per claim
    as_of TEXT,                          -- date of the earliest claim
    CHECK (kind IN ('conflict', 'revision'))
);
CREATE INDEX conflicts_what ON conflicts(what);

CREATE TABLE story_events (
    id TEXT PRIMARY KEY,                 -- content id of the first member event
    type TEXT NOT NULL,                  -- PLOVER type
    mode TEXT,
    label TEXT NOT NULL,
    date TEXT,                           -- ISO partial date
    date_precision TEXT,                 -- day, month, year
    date_source TEXT,                    -- sentence, narrative, publication, none
    place TEXT,                          -- place name as written by the best member
    documents INTEGER NOT NULL
);
CREATE INDEX story_events_type ON story_events(type, date);

CREATE TABLE story_event_members (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    story_event_id TEXT NOT NULL REFERENCES story_events(id) ON DELETE CASCADE
);
CREATE INDEX story_event_members_story ON story_event_members(story_event_id);
