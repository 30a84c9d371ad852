-- 0008: every id column that points at another table is a declared foreign key, the JSON
-- lists of ids get link views, and readable views join names (Datasette, DuckDB and any
-- SQL client follow them; see docs/export.md, "Datasette").
--
-- SQLite cannot add a constraint to an existing table, so four tables are rebuilt with the
-- same columns in the same order. DROP TABLE deletes the rows of the tables that reference
-- the dropped one (their ON DELETE CASCADE fires even inside a migration), so those child
-- rows are kept aside and put back. The new references are DEFERRABLE INITIALLY DEFERRED:
-- checked when a document's transaction commits, whatever order its rows are written in.
-- A reference that points nowhere in an old store becomes NULL (never seen, but a
-- migration must not fail on it).

CREATE TEMP TABLE keep_claim_members AS SELECT * FROM claim_members;
CREATE TEMP TABLE keep_event_evidence AS SELECT * FROM event_evidence;
CREATE TEMP TABLE keep_story_event_members AS SELECT * FROM story_event_members;

CREATE TABLE quotes_new (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    speaker_text TEXT,
    verb TEXT,
    direct INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    CHECK (direct IN (0, 1))
);
INSERT INTO quotes_new
SELECT id, document_id, start_char, end_char, text,
       CASE WHEN speaker IN (SELECT id FROM actors) THEN speaker END,
       speaker_text, verb, direct, sentence_start, sentence_end, stage, version
FROM quotes;
DROP TABLE quotes;
ALTER TABLE quotes_new RENAME TO quotes;
CREATE INDEX quotes_document ON quotes(document_id);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE relations_new (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    subject TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    predicate TEXT NOT NULL,
    object TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
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
INSERT INTO relations_new
SELECT id, document_id, subject, predicate,
       CASE WHEN object IN (SELECT id FROM actors) THEN object END,
       object_text, qualifier, time, start_char, end_char, sentence_start, sentence_end,
       stage, version
FROM relations WHERE subject IN (SELECT id FROM actors);
DROP TABLE relations;
ALTER TABLE relations_new RENAME TO relations;
CREATE INDEX relations_document ON relations(document_id);
CREATE INDEX relations_subject ON relations(subject, predicate);
CREATE INDEX relations_object ON relations(object);

CREATE TABLE figures_new (
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
    claimed_by TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    claimed_by_text TEXT,
    as_of TEXT,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL
);
INSERT INTO figures_new
SELECT id, document_id, start_char, end_char, text, value, low, high, qualifier, unit, what,
       CASE WHEN claimed_by IN (SELECT id FROM actors) THEN claimed_by END,
       claimed_by_text, as_of, sentence_start, sentence_end, stage, version
FROM figures;
DROP TABLE figures;
ALTER TABLE figures_new RENAME TO figures;
CREATE INDEX figures_document ON figures(document_id);
CREATE INDEX figures_what ON figures(what);

CREATE TABLE events_new (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,                  -- PLOVER event type
    mode TEXT,
    label TEXT NOT NULL,
    start_char INTEGER NOT NULL,         -- first trigger
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,                  -- first trigger's text
    actors TEXT NOT NULL DEFAULT '[]',   -- JSON [actor id]: see event_participants
    actor_texts TEXT NOT NULL DEFAULT '[]',
    targets TEXT NOT NULL DEFAULT '[]',  -- JSON [actor id]: see event_participants
    target_texts TEXT NOT NULL DEFAULT '[]',
    place TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    place_text TEXT,
    date TEXT,
    date_source TEXT NOT NULL,
    figures TEXT NOT NULL DEFAULT '[]',  -- JSON [figure id]: see the view event_figures
    modality TEXT NOT NULL,
    reported_by TEXT REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED,
    reported_by_text TEXT
);
INSERT INTO events_new
SELECT id, document_id, type, mode, label, start_char, end_char, text, actors, actor_texts,
       targets, target_texts,
       CASE WHEN place IN (SELECT id FROM actors) THEN place END,
       place_text, date, date_source, figures, modality,
       CASE WHEN reported_by IN (SELECT id FROM actors) THEN reported_by END,
       reported_by_text
FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_place ON events(place);              -- every key indexed: a deleted
CREATE INDEX events_reported_by ON events(reported_by);  -- actor finds its events at once

INSERT OR IGNORE INTO claim_members SELECT * FROM keep_claim_members;
INSERT OR IGNORE INTO event_evidence SELECT * FROM keep_event_evidence;
INSERT OR IGNORE INTO story_event_members SELECT * FROM keep_story_event_members;
DROP TABLE keep_claim_members;
DROP TABLE keep_event_evidence;
DROP TABLE keep_story_event_members;

-- Link views: the JSON lists as rows, so a client can join them (the participants of
-- events get an indexed table of their own in migration 9).
CREATE VIEW event_figures AS
SELECT e.id AS event_id, j.value AS figure_id
FROM events AS e, json_each(e.figures) AS j;

CREATE VIEW conflict_claims AS
SELECT c.id AS conflict_id, c.kind, c.what, CAST(j.key AS INTEGER) AS position,
       j.value AS claim_id, json_extract(c.claim_values, '$[' || j.key || ']') AS value
FROM conflicts AS c, json_each(c.claim_ids) AS j;

-- Readable views: names instead of ids, the sentence that states each fact.
CREATE VIEW actors_readable AS
SELECT a.id AS actor_id, a.name, a.type, a.document_id, d.title AS document_title,
       m.entity_id, en.name AS entity_name, a.mentions
FROM actors AS a
JOIN documents AS d ON d.id = a.document_id
LEFT JOIN entity_members AS m ON m.actor_id = a.id
LEFT JOIN entities AS en ON en.id = m.entity_id;

CREATE VIEW quotes_readable AS
SELECT q.id, q.text AS quote,
       COALESCE(en.name, a.name, q.speaker_text) AS speaker,
       m.entity_id AS speaker_entity_id, q.speaker_text, q.verb,
       CASE q.direct WHEN 1 THEN 'direct' ELSE 'indirect' END AS speech,
       q.document_id, d.title AS document_title, d.published,
       substr(d.text, q.sentence_start + 1, q.sentence_end - q.sentence_start) AS sentence
FROM quotes AS q
JOIN documents AS d ON d.id = q.document_id
LEFT JOIN actors AS a ON a.id = q.speaker
LEFT JOIN entity_members AS m ON m.actor_id = q.speaker
LEFT JOIN entities AS en ON en.id = m.entity_id;

CREATE VIEW relations_readable AS
SELECT r.id, COALESCE(se.name, sa.name) AS subject, r.predicate,
       COALESCE(oe.name, oa.name, r.object_text) AS object, r.qualifier, r.time,
       sm.entity_id AS subject_entity_id, om.entity_id AS object_entity_id,
       r.document_id, d.title AS document_title,
       substr(d.text, r.sentence_start + 1, r.sentence_end - r.sentence_start) AS sentence
FROM relations AS r
JOIN documents AS d ON d.id = r.document_id
JOIN actors AS sa ON sa.id = r.subject
LEFT JOIN entity_members AS sm ON sm.actor_id = r.subject
LEFT JOIN entities AS se ON se.id = sm.entity_id
LEFT JOIN actors AS oa ON oa.id = r.object
LEFT JOIN entity_members AS om ON om.actor_id = r.object
LEFT JOIN entities AS oe ON oe.id = om.entity_id;

CREATE VIEW events_readable AS
SELECT e.id, s.story_event_id, e.type, e.mode, e.label, e.date, e.date_source, e.modality,
       (SELECT group_concat(COALESCE(en.name, a.name), '; ')
        FROM json_each(e.actors) AS j JOIN actors AS a ON a.id = j.value
        LEFT JOIN entity_members AS m ON m.actor_id = a.id
        LEFT JOIN entities AS en ON en.id = m.entity_id) AS actors,
       (SELECT group_concat(COALESCE(en.name, a.name), '; ')
        FROM json_each(e.targets) AS j JOIN actors AS a ON a.id = j.value
        LEFT JOIN entity_members AS m ON m.actor_id = a.id
        LEFT JOIN entities AS en ON en.id = m.entity_id) AS targets,
       COALESCE(pa.name, e.place_text) AS place,
       e.document_id, d.title AS document_title, d.published,
       substr(d.text, ev.sentence_start + 1, ev.sentence_end - ev.sentence_start) AS sentence
FROM events AS e
JOIN documents AS d ON d.id = e.document_id
LEFT JOIN story_event_members AS s ON s.event_id = e.id
LEFT JOIN actors AS pa ON pa.id = e.place
LEFT JOIN event_evidence AS ev ON ev.event_id = e.id AND ev.idx = 0;

CREATE VIEW passages AS
SELECT s.id, s.document_id, s.idx, s.role, d.title AS document_title,
       substr(d.text, s.start_char + 1, s.end_char - s.start_char) AS text
FROM segments AS s
JOIN documents AS d ON d.id = s.document_id;
