-- newsweave store, migration 12 (issue 14): whom a quote's speaker speaks for. A
-- spokesperson, a press secretary or a lawyer says what their principal holds ("the
-- senator's press secretary said" is the secretary's quote, on the senator's behalf).
-- on_behalf_of is the principal's actor (null when the text names none, or when that
-- actor is forgotten), on_behalf_of_text the principal as written.

ALTER TABLE quotes ADD COLUMN on_behalf_of TEXT
    REFERENCES actors(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE quotes ADD COLUMN on_behalf_of_text TEXT;
CREATE INDEX quotes_on_behalf_of ON quotes(on_behalf_of);
