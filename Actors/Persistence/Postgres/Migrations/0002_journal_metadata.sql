-- Deleting events must not free their numbers: the highest deleted number per id is kept here, so that
-- recovery continues after it and a writer that thinks a deleted number is next is refused.
CREATE TABLE journal_metadata (
    persistence_id text NOT NULL PRIMARY KEY,
    max_deleted_nr bigint NOT NULL
);
