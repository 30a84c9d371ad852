-- newsweave store, migration 3: events and relations found in each document. Evidence as
-- in migration 2: offsets into documents.text plus the sentence range.

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,                  -- PLOVER event type
    mode TEXT,
    label TEXT NOT NULL,
    start_char INTEGER NOT NULL,         -- first trigger
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,                  -- first trigger's text
    actors TEXT NOT NULL DEFAULT '[]',   -- JSON [actor id]
    actor_texts TEXT NOT NULL DEFAULT '[]',
    targets TEXT NOT NULL DEFAULT '[]',
    target_texts TEXT NOT NULL DEFAULT '[]',
    place TEXT,
    place_text TEXT,
    date TEXT,
    date_source TEXT NOT NULL,
    figures TEXT NOT NULL DEFAULT '[]',  -- JSON [figure id]
    modality TEXT NOT NULL,
    reported_by TEXT,
    reported_by_text TEXT
);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type ON events(type, date);

CREATE TABLE event_evidence (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    PRIMARY KEY (event_id, idx)
);

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,               -- in-document actor id
    predicate TEXT NOT NULL,
    object TEXT,
    object_text TEXT,
    qualifier TEXT,
    time TEXT,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
CREATE INDEX relations_document ON relations(document_id);
CREATE INDEX relations_subject ON relations(subject, predicate);
CREATE INDEX relations_object ON relations(object);
