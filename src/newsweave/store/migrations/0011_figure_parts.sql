-- newsweave store, migration 11 (issue 15):
-- a figure that counts part of another figure of its sentence ("240 were arrested,
-- including 31 minors", "57 dead, 14 of them soldiers") names that figure's id.
-- No foreign key: both rows belong to one document and go together when it is replaced
-- or forgotten.

ALTER TABLE figures ADD COLUMN part_of TEXT;
