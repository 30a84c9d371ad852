-- newsweave store, migration 9: what the read side (UI, read commands) needs to answer each
-- page with a few indexed queries instead of loading the corpus.
--
-- * event_participants: who takes part in each event, one row per (actor, role, event), so
--   "the events of this entity" is an index lookup, not a scan of the JSON arrays in
--   events. Derived from events.actors / targets / place / reported_by by the triggers
--   below (the writers do not change); deleting an event deletes its rows (cascade).
-- * indexes for the lookups and orders the pages use: figures by claimant, events and
--   story events by date, documents by outlet, quotes by speaker and document.

CREATE TABLE event_participants (
    actor_id TEXT NOT NULL               -- in-document actor id
        REFERENCES actors(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    role TEXT NOT NULL,                  -- actor, target, place, reporter
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, role, event_id),
    CHECK (role IN ('actor', 'target', 'place', 'reporter'))
) WITHOUT ROWID;
CREATE INDEX event_participants_event ON event_participants(event_id);

CREATE TRIGGER event_participants_insert AFTER INSERT ON events
BEGIN
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT value, 'actor', NEW.id FROM json_each(NEW.actors) WHERE value IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT value, 'target', NEW.id FROM json_each(NEW.targets) WHERE value IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT NEW.place, 'place', NEW.id WHERE NEW.place IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT NEW.reported_by, 'reporter', NEW.id WHERE NEW.reported_by IS NOT NULL;
END;

CREATE TRIGGER event_participants_update
AFTER UPDATE OF actors, targets, place, reported_by ON events
BEGIN
    DELETE FROM event_participants WHERE event_id = NEW.id;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT value, 'actor', NEW.id FROM json_each(NEW.actors) WHERE value IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT value, 'target', NEW.id FROM json_each(NEW.targets) WHERE value IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT NEW.place, 'place', NEW.id WHERE NEW.place IS NOT NULL;
    INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
    SELECT NEW.reported_by, 'reporter', NEW.id WHERE NEW.reported_by IS NOT NULL;
END;

INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
SELECT j.value, 'actor', e.id FROM events AS e, json_each(e.actors) AS j
WHERE j.value IS NOT NULL;
INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
SELECT j.value, 'target', e.id FROM events AS e, json_each(e.targets) AS j
WHERE j.value IS NOT NULL;
INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
SELECT e.place, 'place', e.id FROM events AS e WHERE e.place IS NOT NULL;
INSERT OR IGNORE INTO event_participants (actor_id, role, event_id)
SELECT e.reported_by, 'reporter', e.id FROM events AS e WHERE e.reported_by IS NOT NULL;

CREATE INDEX figures_claimed_by ON figures(claimed_by);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_modality ON events(modality, date);
CREATE INDEX story_events_date ON story_events(date);
CREATE INDEX documents_publisher ON documents(publisher, published);
CREATE INDEX documents_seq_published ON documents(published DESC, seq);
CREATE INDEX quotes_document_start ON quotes(document_id, start_char);
CREATE INDEX relations_object_text ON relations(object_text);
CREATE INDEX entities_size ON entities(size DESC, name);
CREATE INDEX entities_type_size ON entities(type, size DESC);

-- actor_names: every actor's name and aliases for name search ("entities whose names or
-- aliases match" in search, the entity filter of lists), rowid = actors.rowid. A table of
-- its own (not external content) so a row replaced without delete triggers cannot corrupt
-- it: a stale row only fails to join.
CREATE VIRTUAL TABLE actor_names USING fts5(
    name,
    aliases,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER actor_names_insert AFTER INSERT ON actors
BEGIN
    DELETE FROM actor_names WHERE rowid = NEW.rowid;
    INSERT INTO actor_names (rowid, name, aliases) VALUES (NEW.rowid, NEW.name, NEW.aliases);
END;

CREATE TRIGGER actor_names_delete AFTER DELETE ON actors
BEGIN
    DELETE FROM actor_names WHERE rowid = OLD.rowid;
END;

CREATE TRIGGER actor_names_update AFTER UPDATE OF name, aliases ON actors
BEGIN
    DELETE FROM actor_names WHERE rowid = OLD.rowid;
    INSERT INTO actor_names (rowid, name, aliases) VALUES (NEW.rowid, NEW.name, NEW.aliases);
END;

INSERT INTO actor_names (rowid, name, aliases) SELECT rowid, name, aliases FROM actors;

-- the overview's word count reads this index, not the documents' text pages
CREATE INDEX documents_word_count ON documents(word_count);
