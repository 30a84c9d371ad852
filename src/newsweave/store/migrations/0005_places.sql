-- newsweave store, migration 5: places on the map. One row per place actor (GPE, LOC, FAC)
-- the gazetteer could place: the chosen reading, how it was chosen and how sure we are.
-- Deleting an actor (re-analysis, forgetting its document) deletes its place (cascade).

CREATE TABLE places (
    actor_id TEXT PRIMARY KEY REFERENCES actors(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                  -- the gazetteer's name of the chosen reading
    lat REAL,
    lon REAL,
    country TEXT,                        -- ISO 3166 alpha-2 (user files: their own codes)
    gazetteer_id TEXT NOT NULL,          -- geonames:2643743, iso:NG, iso:US-TX, user:Amakoro
    kind TEXT NOT NULL,                  -- city, country, state, region, ... or a user kind
    method TEXT NOT NULL,                -- user-gazetteer, only-candidate, country-focus,
                                         -- nearby, population
    confidence REAL NOT NULL,
    CHECK (method IN ('user-gazetteer', 'only-candidate', 'country-focus', 'nearby',
                      'population')),
    CHECK (confidence >= 0 AND confidence <= 1)
);
CREATE INDEX places_country ON places(country);
CREATE INDEX places_gazetteer ON places(gazetteer_id);
