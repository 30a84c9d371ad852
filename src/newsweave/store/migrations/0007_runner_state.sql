-- newsweave store, migration 7: what the pipeline runner needs to resume after a crash
-- (src/newsweave/pipeline/). Each table is small and written in the same transactions as
-- the documents and analyses it describes.

-- A document whose analysis failed (a budget, a crash of its worker, an exception): one
-- row, and later runs skip it until `newsweave analyze --retry-failed`.
CREATE TABLE analysis_failures (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    version TEXT NOT NULL,               -- analysis version that failed
    code TEXT NOT NULL,                  -- catalogue code, e.g. NW141
    reason TEXT NOT NULL,
    at TEXT NOT NULL                     -- UTC ISO timestamp
);

-- Corpus-level state: 'resolution' is 'dirty' from the first analysis saved after the
-- last corpus resolution until the next one commits; any run that finds it dirty
-- resolves the corpus (a kill during resolution is repaired by the next run).
CREATE TABLE corpus_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO corpus_state (key, value)
    SELECT 'resolution', CASE WHEN EXISTS (SELECT 1 FROM analyses) THEN 'dirty' ELSE 'clean' END;

-- Inputs already read: the hash of (source, format, content) of a raw input and the
-- document it became, so a re-run skips parsing and analysing work that is stored.
CREATE TABLE input_hashes (
    hash TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX input_hashes_document ON input_hashes(document_id);
