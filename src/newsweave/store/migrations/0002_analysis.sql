-- newsweave store, migration 2: what the per-document analysis found. Every row points to
-- its evidence: character offsets into documents.text (end exclusive) and the sentence
-- range holding it; the stage and its version are in the row. Deleting a document
-- deletes its analysis (cascade).

CREATE TABLE analyses (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version TEXT NOT NULL,               -- analysis version; re-analysed when it changes
    analysed_at TEXT NOT NULL,
    sentences TEXT NOT NULL DEFAULT '[]',-- JSON [[start, end], ...]
    notes TEXT NOT NULL DEFAULT '[]'     -- JSON [str]: why something was skipped
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,                 -- in-document actor id (content hash)
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',  -- JSON [str]
    country TEXT,
    mentions INTEGER NOT NULL,
    start_char INTEGER,                  -- first mention
    end_char INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX actors_document ON actors(document_id);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE actor_titles (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX actor_titles_actor ON actor_titles(actor_id);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id TEXT REFERENCES actors(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE time_expressions (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    precision TEXT NOT NULL,
    anchor TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX time_expressions_document ON time_expressions(document_id);
CREATE INDEX time_expressions_value ON time_expressions(value);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    low REAL,
    high REAL,
    qualifier TEXT,
    unit TEXT,
    what TEXT,
    claimed_by TEXT,                     -- in-document actor id (no FK: may be forgotten)
    claimed_by_text TEXT,
    as_of TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX figures_document ON figures(document_id);
CREATE INDEX figures_what ON figures(what);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,                        -- in-document actor id
    speaker_text TEXT,
    verb TEXT,
    direct INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    CHECK (direct IN (0, 1))
);
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker);
