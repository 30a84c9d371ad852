-- newsweave store, migration 1: documents, their sources, segments, full-text search,
-- near-duplicate index and ingest errors. Plain tables, JSON stored as text, so the file
-- reads well in Datasette or the sqlite3 shell.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,                 -- content hash of the clean text
    source TEXT NOT NULL,                -- first path/URL the document was read from
    url TEXT,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',  -- JSON array of names
    publisher TEXT,
    published TEXT,                      -- YYYY, YYYY-MM or YYYY-MM-DD
    date_source TEXT,                    -- html-meta, feed, jsonl, dateline, byline, ...
    date_inferred INTEGER,               -- 1 when no publication date was stated
    date_evidence TEXT,                  -- JSON Evidence object or NULL
    language TEXT,
    genre TEXT NOT NULL,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    near_duplicate_of TEXT REFERENCES documents(id) ON DELETE SET NULL,
    extra TEXT NOT NULL DEFAULT '[]',    -- JSON array of [key, value] pairs
    minhash BLOB,                        -- MinHash signature of the body text, or NULL
    ingested_at TEXT NOT NULL,           -- UTC ISO timestamp
    seq INTEGER NOT NULL UNIQUE,         -- ingest order: the first copy has the lowest
    CHECK (date_inferred IN (0, 1) OR date_inferred IS NULL)
);

CREATE INDEX documents_published ON documents(published, title);
CREATE INDEX documents_near_duplicate_of ON documents(near_duplicate_of);

CREATE TABLE document_sources (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (document_id, source)
);

CREATE INDEX document_sources_source ON document_sources(source);

CREATE TABLE segments (
    id INTEGER PRIMARY KEY,              -- stable rowid, shared with segments_fts
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,                -- position in the document
    role TEXT NOT NULL,
    start_char INTEGER NOT NULL,         -- offsets into documents.text, end exclusive
    end_char INTEGER NOT NULL,
    UNIQUE (document_id, idx),
    CHECK (start_char >= 0 AND end_char >= start_char)
);

CREATE INDEX segments_role ON segments(role);

-- Segment text for full-text search; rowid = segments.id, kept in sync by triggers.
CREATE VIRTUAL TABLE segments_fts USING fts5(
    text,
    document_id UNINDEXED,
    idx UNINDEXED,
    role UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER segments_check_bounds BEFORE INSERT ON segments
WHEN NEW.end_char > (SELECT length(text) FROM documents WHERE id = NEW.document_id)
BEGIN
    SELECT RAISE(ABORT, 'segment ends beyond the document text');
END;

CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments
BEGIN
    INSERT INTO segments_fts (rowid, text, document_id, idx, role)
    SELECT NEW.id, substr(d.text, NEW.start_char + 1, NEW.end_char - NEW.start_char),
           NEW.document_id, NEW.idx, NEW.role
    FROM documents AS d WHERE d.id = NEW.document_id;
END;

CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments
BEGIN
    DELETE FROM segments_fts WHERE rowid = OLD.id;
END;

CREATE TABLE minhash_bands (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    PRIMARY KEY (document_id, band)
);

CREATE INDEX minhash_bands_lookup ON minhash_bands(band, hash);

CREATE TABLE ingest_errors (
    source TEXT PRIMARY KEY,             -- the last error of each source
    code TEXT NOT NULL,                  -- catalogue code, e.g. NW104
    reason TEXT NOT NULL,
    at TEXT NOT NULL                     -- UTC ISO timestamp
);
