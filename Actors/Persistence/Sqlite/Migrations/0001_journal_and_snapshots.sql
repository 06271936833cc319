-- Events per persistence id, numbered 1, 2, 3…; the primary key makes a second writer of a number fail.
CREATE TABLE journal (
    persistence_id TEXT NOT NULL,
    sequence_nr INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    payload BLOB NOT NULL,
    written_at INTEGER NOT NULL, -- Unix milliseconds
    PRIMARY KEY (persistence_id, sequence_nr)
) WITHOUT ROWID;

CREATE TABLE snapshots (
    persistence_id TEXT NOT NULL,
    sequence_nr INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    payload BLOB NOT NULL,
    written_at INTEGER NOT NULL, -- Unix milliseconds
    PRIMARY KEY (persistence_id, sequence_nr)
) WITHOUT ROWID;
