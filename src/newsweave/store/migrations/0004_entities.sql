-- newsweave store, migration 4: entities across documents (newsweave.resolve.entities).
--
-- Design (nomenklatura style):
-- * actor_keys is the blocking index: every in-document actor (migration 2) under its
--   blocking keys (name keys, tokens, acronyms, transliteration skeletons). Candidate pairs
--   are actors sharing a key; it cascades with the actor.
-- * judgements holds decisions about PAIRS OF ACTORS (left_id < right_id), never about
--   entity ids, so they survive every re-resolution. One row per pair and source; the row
--   with the highest rank wins (analyst 10 > machine 0). Machine rows carry the score, the
--   named versioned features and the algorithm name + version; re-scoring replaces them.
--   Actor ids are content ids (document, type, name), so judgements have no foreign key:
--   analyst rows outlive a forgotten document and apply again if it is re-ingested;
--   machine rows of vanished actors are deleted by forget_cleanup.
-- * entities are the connected components of positive judgements that never cross a
--   negative one (two different actors of one document are a machine-rank negative by
--   construction). Components are built greedily: analyst positives first, then machine
--   positives by descending score; an edge is skipped when joining its two components would
--   put a negative of at least its rank inside one entity.
-- * merge A B writes analyst positives between every member of A and every member of B
--   (replacing analyst negatives between them): the merged entity is then held together by
--   analyst judgements alone, outranking the machine's same-document rule, and forgetting
--   one document does not undo it.
-- * split A writes analyst negatives between every pair of A's members: each member
--   becomes its own entity and no later machine or analyst positive can join two of them
--   again (only a new merge, which deletes exactly the negatives it overrides).
-- * entity ids are content ids of the lowest member actor id ("n" prefix), so re-running
--   resolution on the same store gives the same ids.

CREATE TABLE actor_keys (
    key TEXT NOT NULL,                   -- "n:national labor organization", "s:yambore", ...
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    PRIMARY KEY (key, actor_id)
);
CREATE INDEX actor_keys_actor ON actor_keys(actor_id);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,                 -- content id of the representative actor
    name TEXT NOT NULL,                  -- most frequent full name of its members
    type TEXT NOT NULL,                  -- most frequent member type
    country TEXT,                        -- most frequent member country, if any
    representative TEXT NOT NULL,        -- lowest member actor id
    size INTEGER NOT NULL,               -- member actors when computed
    updated_at TEXT NOT NULL             -- UTC ISO timestamp
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE entity_members (
    actor_id TEXT PRIMARY KEY REFERENCES actors(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE
);
CREATE INDEX entity_members_entity ON entity_members(entity_id);

CREATE TABLE judgements (
    left_id TEXT NOT NULL,               -- actor id, left_id < right_id
    right_id TEXT NOT NULL,
    judgement TEXT NOT NULL,             -- positive, negative, unsure
    source TEXT NOT NULL,                -- machine, analyst
    rank INTEGER NOT NULL,               -- analyst 10, machine 0: the highest rank wins
    score REAL,                          -- machine score in [0, 1]; analyst 1.0 / 0.0
    features TEXT NOT NULL DEFAULT '{}', -- JSON {"feature@version": value}
    algorithm TEXT NOT NULL,             -- e.g. newsweave-rules, analyst-merge
    version TEXT NOT NULL,
    created_at TEXT NOT NULL,            -- UTC ISO timestamp
    PRIMARY KEY (left_id, right_id, source),
    CHECK (left_id < right_id),
    CHECK (judgement IN ('positive', 'negative', 'unsure')),
    CHECK (source IN ('machine', 'analyst'))
);
CREATE INDEX judgements_right ON judgements(right_id);
