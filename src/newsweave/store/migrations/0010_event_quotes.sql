-- newsweave store, migration 10 (issue 13):
-- a STATEMENT event names the quotes it states (JSON [quote id], the ids of the quotes
-- table), filled where the statement's trigger verb is the quote's cue. No foreign key:
-- both rows belong to one document and go together when it is replaced or forgotten.

ALTER TABLE events ADD COLUMN quotes TEXT NOT NULL DEFAULT '[]';
